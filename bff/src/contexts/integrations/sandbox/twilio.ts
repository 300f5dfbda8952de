/**
 * Twilio Programmable Messaging simulator: create a Message,
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded (`To`, `From` or
 * `MessagingServiceSid`, `Body` or `MediaUrl`) with HTTP Basic `AccountSid:AuthToken`
 * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource). Success:
 * 201 with the Message resource (`sid: "SM…"`, `status: "queued"`, `direction: "outbound-api"`,
 * RFC 2822 dates, `uri`, `subresource_uris`). Errors are `{code, message, more_info, status}` with
 * Twilio's error codes (https://www.twilio.com/docs/api/errors): 401 20003 (no or wrong
 * credentials, or another account's path), 400 21604/21603/21602 (To/From/Body missing),
 * 21211 (invalid To), 21617 (body over 1600 characters), 404 20404, 429 20429.
 */
import { randomBytes } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const twilioError = (status: number, code: number, message: string) => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});
const E164 = /^\+[1-9]\d{6,14}$/;
/** RFC 2822 date, as Twilio formats `date_created`. */
const rfc2822 = (d: Date) => d.toUTCString().replace("GMT", "+0000");

function createMessage(req: SandboxRequest, accountSid: string) {
  const basic = /^Basic\s+(\S+)$/.exec(req.headers.get("authorization") ?? "")?.[1];
  const [user, pass] = basic ? Buffer.from(basic, "base64").toString().split(":") : [];
  if (!user || !pass) return twilioError(401, 20003, "Authenticate");
  if (user !== accountSid && !/^SK[0-9a-f]{32}$/.test(user)) return twilioError(401, 20003, "Authenticate");
  const f = (
    typeof req.body === "string" ? Object.fromEntries(new URLSearchParams(req.body)) : req.body && typeof req.body === "object" ? req.body : {}
  ) as Record<string, unknown>;
  const to = typeof f.To === "string" ? f.To.trim() : "";
  const from = typeof f.From === "string" ? f.From.trim() : "";
  const body = typeof f.Body === "string" ? f.Body : "";
  if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
  if (!from && !f.MessagingServiceSid) return twilioError(400, 21603, "A 'From' phone number is required.");
  if (!body && !f.MediaUrl && !f.ContentSid) return twilioError(400, 21602, "Message body is required.");
  if (!E164.test(to.replace(/^whatsapp:/, ""))) return twilioError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
  if (from && !E164.test(from.replace(/^whatsapp:/, "")) && !/^[A-Za-z0-9 ]{1,11}$/.test(from))
    return twilioError(400, 21212, `Invalid From Number (caller ID): ${from}`);
  if (from && from === to) return twilioError(400, 21266, "'To' and 'From' number cannot be the same");
  if (body.length > 1600) return twilioError(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
  const sid = `SM${randomBytes(16).toString("hex")}`;
  const now = rfc2822(new Date());
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`;
  // GSM-7 messages split at 153 characters per segment once over 160; UCS-2 at 67 over 70
  const ucs2 = /[^\x20-\x7E\n\r]/.test(body);
  const segments = body.length <= (ucs2 ? 70 : 160) ? 1 : Math.ceil(body.length / (ucs2 ? 67 : 153));
  return {
    status: 201,
    body: {
      account_sid: accountSid,
      api_version: "2010-04-01",
      body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from: from || null,
      messaging_service_sid: f.MessagingServiceSid ?? null,
      num_media: f.MediaUrl ? "1" : "0",
      num_segments: String(segments),
      price: null,
      price_unit: "USD",
      sid,
      status: f.MessagingServiceSid && !from ? "accepted" : "queued",
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      to,
      uri,
    },
  };
}

const onDemand: Record<number, [number, string]> = {
  400: [21211, "Invalid 'To' Phone Number"],
  401: [20003, "Authenticate"],
  403: [20403, "Permission denied"],
  404: [20404, "The requested resource was not found"],
  429: [20429, "Too Many Requests"],
  500: [20500, "Internal Server Error"],
  503: [20503, "Service unavailable"],
};

registerSimulator(
  "twilio",
  (req) =>
    matchRoute(req, { "POST /2010-04-01/Accounts/:sid/Messages.json": (p) => createMessage(req, p.sid!) }, () =>
      twilioError(404, 20404, `The requested resource ${req.url.pathname} was not found`),
    ),
  (status, message) => {
    const [code, text] = onDemand[status] ?? [status >= 500 ? 20500 : 20001, message];
    return twilioError(status, code, text);
  },
);
