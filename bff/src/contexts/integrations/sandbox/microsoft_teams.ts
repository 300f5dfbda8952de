/**
 * Microsoft Graph v1.0 simulator for Teams: send a channel message,
 * `POST https://graph.microsoft.com/v1.0/teams/{team-id}/channels/{channel-id}/messages` with a
 * chatMessage `{body: {contentType, content}}` (https://learn.microsoft.com/graph/api/channel-post-messages).
 * Team ids are the team's group GUID; channel ids look like `19:…@thread.tacv2`. Success: 201
 * with the chatMessage (`id` the creation time in epoch milliseconds, `messageType: "message"`,
 * `createdDateTime`, `from.user`, `body`, `channelIdentity`, `webUrl`). Errors are Graph errors
 * `{error: {code, message, innerError: {date, request-id, client-request-id}}}`
 * (https://learn.microsoft.com/graph/errors): 401 `InvalidAuthenticationToken`, 400 `BadRequest`,
 * 404 `NotFound`, 429 `TooManyRequests`.
 */
import { randomUUID } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const graphError = (status: number, code: string, message: string) => {
  const requestId = randomUUID();
  return {
    status,
    body: {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, ""), "request-id": requestId, "client-request-id": requestId },
      },
    },
  };
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHANNEL = /^19:[^@\s]+@thread\.(tacv2|skype)$/;
const CONTENT_TYPES = ["text", "html"];

function sendChannelMessage(req: SandboxRequest, teamId: string, channelId: string) {
  const auth = req.headers.get("authorization");
  if (!auth) return graphError(401, "InvalidAuthenticationToken", "Access token is empty.");
  if (!/^Bearer\s+\S+/.test(auth)) return graphError(401, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed, there are no dots (.).");
  if (!GUID.test(teamId)) return graphError(404, "NotFound", `No team found with Group Id ${teamId}`);
  if (!CHANNEL.test(channelId)) return graphError(400, "BadRequest", "Invalid ThreadId.");
  const b = (req.body && typeof req.body === "object" && !Array.isArray(req.body) ? req.body : {}) as Record<string, unknown>;
  const body = (b.body && typeof b.body === "object" ? b.body : null) as { contentType?: unknown; content?: unknown } | null;
  if (!body || typeof body.content !== "string" || !body.content.trim()) return graphError(400, "BadRequest", "Missing body content");
  const contentType = body.contentType ?? "text";
  if (!CONTENT_TYPES.includes(String(contentType)))
    return graphError(400, "BadRequest", `Cannot convert the literal '${String(contentType)}' to the expected type 'microsoft.graph.bodyType'.`);
  const now = Date.now();
  const id = String(now);
  const created = new Date(now).toISOString();
  return {
    status: 201,
    body: {
      "@odata.context": `https://graph.microsoft.com/v1.0/$metadata#teams('${teamId}')/channels('${encodeURIComponent(channelId)}')/messages/$entity`,
      id,
      replyToId: null,
      etag: id,
      messageType: "message",
      createdDateTime: created,
      lastModifiedDateTime: created,
      lastEditedDateTime: null,
      deletedDateTime: null,
      subject: typeof b.subject === "string" ? b.subject : null,
      summary: null,
      chatId: null,
      importance: typeof b.importance === "string" ? b.importance : "normal",
      locale: "en-us",
      webUrl: `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${id}?groupId=${teamId}&tenantId=00000000-0000-4000-8000-00000000aaaa&createdTime=${id}&parentMessageId=${id}`,
      policyViolation: null,
      eventDetail: null,
      from: {
        application: null,
        device: null,
        user: {
          "@odata.type": "#microsoft.graph.teamworkUserIdentity",
          id: "00000000-0000-4000-8000-00000000bbbb",
          displayName: "Sandbox User",
          userIdentityType: "aadUser",
        },
      },
      body: { contentType, content: body.content },
      channelIdentity: { teamId, channelId },
      attachments: Array.isArray(b.attachments) ? b.attachments : [],
      mentions: Array.isArray(b.mentions) ? b.mentions : [],
      reactions: [],
    },
  };
}

const codes: Record<number, string> = {
  400: "BadRequest",
  401: "InvalidAuthenticationToken",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  429: "TooManyRequests",
  500: "InternalServerError",
  503: "ServiceNotAvailable",
};

registerSimulator(
  "microsoft_teams",
  (req) =>
    matchRoute(req, { "POST /v1.0/teams/:team/channels/:channel/messages": (p) => sendChannelMessage(req, p.team!, p.channel!) }, () =>
      graphError(400, "BadRequest", `Resource not found for the segment '${req.url.pathname.split("/").pop()}'.`),
    ),
  (status, message) =>
    graphError(
      status,
      codes[status] ?? (status >= 500 ? "InternalServerError" : "BadRequest"),
      status === 429 ? "Too many requests. Please retry after the Retry-After interval." : message,
    ),
);
