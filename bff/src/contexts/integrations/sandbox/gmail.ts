/**
 * Gmail API simulator: send a message, `POST /gmail/v1/users/{userId}/messages/send` with
 * `{raw: <RFC 2822 message, base64url>}` (https://developers.google.com/gmail/api/reference/rest/v1/users.messages/send).
 * Success: 200 `{id, threadId, labelIds: ["SENT"]}` (a Message; ids are 16 hex digits).
 * Errors: Google's `{error: {code, message, errors: [{message, domain, reason}], status}}`
 * (https://developers.google.com/gmail/api/guides/handle-errors): no OAuth token → 401, no `raw`
 * → 400 `invalidArgument`, a message with no recipient → 400 "Recipient address required".
 */
import { randomBytes } from "node:crypto";
import { googleAuthError, googleError } from "./google-errors";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const EMAIL = /^[^@\s<>,]+@[^@\s<>,]+\.[^@\s<>,]+$/;

/** The header block of an RFC 2822 message as a lower-cased name → value map (folded lines joined). */
function headersOf(message: string): Record<string, string> {
  const head = message.split(/\r?\n\r?\n/, 1)[0] ?? "";
  const out: Record<string, string> = {};
  let last = "";
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) out[last] += ` ${line.trim()}`;
    else {
      const i = line.indexOf(":");
      if (i <= 0) continue;
      last = line.slice(0, i).trim().toLowerCase();
      out[last] = line.slice(i + 1).trim();
    }
  }
  return out;
}

/** The addresses of an address-list header (`a@x.test, Name <b@y.test>`). */
const addresses = (v: string | undefined): string[] =>
  (v ?? "")
    .split(",")
    .map((a) => (/<([^>]*)>/.exec(a)?.[1] ?? a).trim())
    .filter(Boolean);

const messageId = () => `18${randomBytes(7).toString("hex")}`;

const legacy = { legacy: true };

function send(req: SandboxRequest, userId: string) {
  const unauthenticated = googleAuthError(req, legacy);
  if (unauthenticated) return unauthenticated;
  if (userId !== "me" && !EMAIL.test(userId)) return googleError(400, "Invalid user id specified in request/Delegation denied", legacy);
  const b = (req.body && typeof req.body === "object" ? req.body : {}) as { raw?: unknown; threadId?: unknown };
  if (typeof b.raw !== "string" || !b.raw)
    return googleError(400, "'raw' RFC822 payload message string or uploading message via /upload/* URL required", legacy);
  if (!/^[A-Za-z0-9_=-]+$/.test(b.raw)) return googleError(400, "Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed", legacy);
  const headers = headersOf(Buffer.from(b.raw, "base64url").toString("utf8"));
  const recipients = [...addresses(headers.to), ...addresses(headers.cc), ...addresses(headers.bcc)];
  if (!recipients.length) return googleError(400, "Recipient address required", legacy);
  for (const [name, value] of [
    ["To", headers.to],
    ["Cc", headers.cc],
    ["Bcc", headers.bcc],
  ] as const) {
    if (value !== undefined && !addresses(value).every((a) => EMAIL.test(a))) return googleError(400, `Invalid ${name} header`, legacy);
  }
  const id = messageId();
  return { status: 200, body: { id, threadId: typeof b.threadId === "string" && b.threadId ? b.threadId : id, labelIds: ["SENT"] } };
}

registerSimulator(
  "gmail",
  (req) =>
    matchRoute(req, { "POST /gmail/v1/users/:user/messages/send": (p) => send(req, p.user!) }, () =>
      googleError(404, "Requested entity was not found.", { legacy: true, reason: "notFound" }),
    ),
  (status, message) =>
    googleError(status, status === 429 ? "User-rate limit exceeded." : message, {
      legacy: true,
      ...(status === 429 ? { reason: "userRateLimitExceeded" } : {}),
    }),
);
