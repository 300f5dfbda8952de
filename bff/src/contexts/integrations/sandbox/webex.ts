/**
 * Webex REST simulator: create a message, `POST /v1/messages`
 * (https://developer.webex.com/docs/api/v1/messages/create-a-message). Success: 200 with the
 * message (`id`, `roomId`, `roomType`, `text`, `markdown`/`html` when markdown was sent,
 * `personId`, `personEmail`, `created`); ids are base64url of `ciscospark://us/<TYPE>/<uuid>`.
 * Errors are `{message, errors: [{description}], trackingId}`
 * (https://developer.webex.com/docs/basics#api-errors): 401 without a valid Bearer token, 400 when
 * no destination (`roomId`, `toPersonId`, `toPersonEmail`) or no content (`text`, `markdown`,
 * `files`, `attachments`) is given or the text is over 7439 bytes, 404 for a `roomId` that is not a
 * Webex room id, 429 and 5xx in the same shape.
 */
import { randomUUID } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const webexError = (status: number, message: string) => ({
  status,
  body: { message, errors: [{ description: message }], trackingId: `ROUTER_${randomUUID().toUpperCase()}` },
});
const webexId = (type: string, uuid: string = randomUUID()) => Buffer.from(`ciscospark://us/${type}/${uuid}`).toString("base64url");
/** The type a Webex id names (`ROOM`, `PEOPLE`…), or null when it is not a Webex id. */
const idType = (id: string): string | null => /^ciscospark:\/\/[a-z0-9-]+\/([A-Z_]+)\/[\w-]+$/.exec(Buffer.from(id, "base64url").toString())?.[1] ?? null;

const SENDER = { id: webexId("PEOPLE", "00000000-0000-4000-8000-000000000001"), email: "sandbox.bot@webex.bot" };

function createMessage(req: SandboxRequest) {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? ""))
    return webexError(401, "The request requires a valid access token set in the Authorization request header.");
  const b = req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : null;
  if (!b) return webexError(400, "Unable to parse the request body as JSON.");
  const roomId = typeof b.roomId === "string" ? b.roomId : "";
  const toPerson = b.toPersonId ?? b.toPersonEmail;
  if (!roomId && !toPerson) return webexError(400, "Either roomId, toPersonId or toPersonEmail must be specified.");
  if (roomId && idType(roomId) !== "ROOM") return webexError(404, "Could not find a room with provided ID.");
  const text = typeof b.text === "string" ? b.text : undefined;
  const markdown = typeof b.markdown === "string" ? b.markdown : undefined;
  if (!text && !markdown && !b.files && !b.attachments) return webexError(400, "Either text, markdown, files or attachments must be specified.");
  if (Buffer.byteLength(text ?? markdown ?? "") > 7439) return webexError(400, "Message length exceeds the maximum of 7439 bytes.");
  return {
    status: 200,
    body: {
      id: webexId("MESSAGE"),
      roomId: roomId || webexId("ROOM"),
      roomType: roomId ? "group" : "direct",
      ...(b.toPersonId ? { toPersonId: b.toPersonId } : {}),
      ...(b.toPersonEmail ? { toPersonEmail: b.toPersonEmail } : {}),
      text: text ?? markdown ?? "",
      ...(markdown ? { markdown, html: `<p>${markdown.replace(/[<>&]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c]!)}</p>` } : {}),
      personId: SENDER.id,
      personEmail: SENDER.email,
      created: new Date().toISOString(),
    },
  };
}

const onDemand: Record<number, string> = {
  400: "The request was invalid or cannot be otherwise served.",
  401: "The request requires a valid access token set in the Authorization request header.",
  403: "The server understood the request, but refused to fulfill it because the access token is missing required scopes.",
  404: "The URI requested is invalid or the resource requested, such as a user, does not exist.",
  409: "The request could not be processed because it conflicts with some established rule of the system.",
  429: "Too many requests have been sent in a given amount of time and the request has been rate limited.",
  500: "Something went wrong on the server.",
  503: "Server is overloaded with requests. Try again later.",
};

registerSimulator(
  "webex",
  (req) => matchRoute(req, { "POST /v1/messages": () => createMessage(req) }, () => webexError(404, onDemand[404]!)),
  (status, message) => webexError(status, onDemand[status] ? `${onDemand[status]} (${message})` : message),
);
