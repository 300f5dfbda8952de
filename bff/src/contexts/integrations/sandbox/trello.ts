/**
 * Trello REST simulator: create a card, `POST /1/cards`, authorised by the API key and token in
 * `Authorization: OAuth oauth_consumer_key="<key>", oauth_token="<token>"` or the `key`/`token`
 * query parameters (https://developer.atlassian.com/cloud/trello/rest/api-group-cards/#api-cards-post,
 * https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/). Success: 200 with the
 * card (`id` 24 hex digits, `idList`, `idBoard`, `idShort`, `shortLink`, `shortUrl`, `url`, `name`,
 * `desc`, `due`, `badges`…). Trello answers most errors as plain text: 401 `invalid key` /
 * `unauthorized permission requested`, 400 `invalid value for <field>`, 404 `The requested resource
 * was not found.`; a rate limit is JSON `{error: "API_TOKEN_LIMIT_EXCEEDED", message}`
 * (https://developer.atlassian.com/cloud/trello/guides/rest-api/rate-limits/).
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const text = (status: number, body: string) => ({ status, body });
const HEX24 = /^[0-9a-f]{24}$/;
const objectId = () => `${Math.floor(Date.now() / 1000).toString(16)}${randomBytes(8).toString("hex")}`;

/** The key and token a request carries (the OAuth header first, then the query). */
function credentials(req: SandboxRequest): { key?: string; token?: string } {
  const auth = req.headers.get("authorization") ?? "";
  const param = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(auth)?.[1];
  if (/^OAuth\s/.test(auth)) return { key: param("oauth_consumer_key"), token: param("oauth_token") };
  return { key: req.url.searchParams.get("key") ?? undefined, token: req.url.searchParams.get("token") ?? undefined };
}

function createCard(req: SandboxRequest) {
  const { key, token } = credentials(req);
  if (!key || !/^[\w-]+$/.test(key)) return text(401, "invalid key");
  if (!token) return text(401, "unauthorized permission requested");
  if (!/^[\w-]+$/.test(token)) return text(401, "invalid token");
  const body = req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
  const b: Record<string, unknown> = { ...Object.fromEntries(req.url.searchParams), ...body };
  const idList = typeof b.idList === "string" ? b.idList : "";
  if (!HEX24.test(idList)) return text(400, "invalid value for idList");
  const name = b.name === undefined || b.name === null ? "" : String(b.name);
  if (name.length > 16384) return text(400, "invalid value for name");
  const desc = b.desc === undefined || b.desc === null ? "" : String(b.desc);
  if (desc.length > 16384) return text(400, "invalid value for desc");
  if (b.due !== undefined && b.due !== null && Number.isNaN(Date.parse(String(b.due)))) return text(400, "invalid value for due");
  if (b.pos !== undefined && !["top", "bottom"].includes(String(b.pos)) && !(Number(b.pos) >= 0)) return text(400, "invalid value for pos");
  // idShort counts cards per board in Trello; the simulator serves every workspace, so it keeps no count
  const idShort = randomInt(1, 10_000);
  const id = objectId();
  const shortLink = randomBytes(6).toString("base64url").replace(/[-_]/g, "x").slice(0, 8);
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  const idBoard = createHash("sha1").update(`board:${idList}`).digest("hex").slice(0, 24);
  const now = new Date().toISOString();
  const due = b.due ? new Date(String(b.due)).toISOString() : null;
  return {
    status: 200,
    body: {
      id,
      badges: {
        attachments: 0,
        checkItems: 0,
        checkItemsChecked: 0,
        comments: 0,
        description: Boolean(desc),
        due,
        dueComplete: false,
        subscribed: false,
        votes: 0,
      },
      checkItemStates: [],
      closed: false,
      dueComplete: false,
      dateLastActivity: now,
      desc,
      descData: { emoji: {} },
      due,
      dueReminder: null,
      email: null,
      idBoard,
      idChecklists: [],
      idLabels: [],
      idList,
      idMembers: [],
      idMembersVoted: [],
      idShort,
      idAttachmentCover: null,
      labels: [],
      manualCoverAttachment: false,
      name,
      pos: 16384 * idShort,
      shortLink,
      shortUrl: `https://trello.com/c/${shortLink}`,
      start: null,
      subscribed: false,
      url: `https://trello.com/c/${shortLink}/${idShort}${slug ? `-${slug}` : ""}`,
      cover: { idAttachment: null, color: null, idUploadedBackground: null, size: "normal", brightness: "dark" },
      attachments: [],
      stickers: [],
    },
  };
}

registerSimulator(
  "trello",
  (req) => matchRoute(req, { "POST /1/cards": () => createCard(req) }, () => text(404, "The requested resource was not found.")),
  (status, message) =>
    status === 429
      ? { status, body: { error: "API_TOKEN_LIMIT_EXCEEDED", message: "Rate limit exceeded" } }
      : text(
          status,
          status === 401
            ? "invalid token"
            : status === 404
              ? "The requested resource was not found."
              : status >= 500
                ? "An unexpected error occurred"
                : `invalid value (${message})`,
        ),
);
