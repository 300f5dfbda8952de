/**
 * Postmark simulator: send a single email, `POST /email` with `X-Postmark-Server-Token`
 * (https://postmarkapp.com/developer/api/email-api#send-a-single-email). Success: 200
 * `{To, SubmittedAt, MessageID, ErrorCode: 0, Message: "OK"}`. Errors are
 * `{ErrorCode, Message}` with Postmark's API error codes
 * (https://postmarkapp.com/developer/api/overview#error-codes): 401 code 10 (no or a wrong token),
 * 422 code 300 (invalid email request: addresses, subject/body missing), 1235 (unknown message
 * stream), 406 (inactive recipient); 429 and 500 carry the same shape.
 */
import { randomUUID } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const pmError = (status: number, ErrorCode: number, Message: string) => ({ status, body: { ErrorCode, Message } });

/** An address list: `a@b.c`, `Name <a@b.c>`, comma-separated; at most 50 recipients. */
const addresses = (v: unknown): string[] =>
  typeof v === "string"
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
const validAddress = (a: string) => /^(?:[^<>]*<)?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>?$/.test(a);
const STREAMS = new Set(["outbound", "broadcast"]);

function sendEmail(req: SandboxRequest) {
  const token = req.headers.get("x-postmark-server-token");
  if (!token)
    return pmError(
      401,
      10,
      "No Account or Server API tokens were supplied in the HTTP headers. Please add a header for either X-Postmark-Server-Token or X-Postmark-Account-Token.",
    );
  const b = req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : null;
  if (!b) return pmError(422, 402, "Received invalid JSON input.");
  if (!b.From) return pmError(422, 300, "Invalid 'From' address: ''.");
  if (!validAddress(String(b.From))) return pmError(422, 300, `Invalid 'From' address: '${String(b.From)}'.`);
  const to = [...addresses(b.To), ...addresses(b.Cc), ...addresses(b.Bcc)];
  if (!to.length) return pmError(422, 300, "Zero recipients specified");
  const bad = to.find((a) => !validAddress(a));
  if (bad) return pmError(422, 300, `Error parsing 'To': Illegal email address '${bad}'. It must contain the '@' symbol.`);
  if (to.length > 50) return pmError(422, 300, "Too many recipients: 50 are allowed at most.");
  if (!b.TextBody && !b.HtmlBody && !b.TemplateId && !b.TemplateAlias) return pmError(422, 300, "Provide either email TextBody or HtmlBody or both.");
  const stream = typeof b.MessageStream === "string" ? b.MessageStream : "outbound";
  if (!STREAMS.has(stream)) return pmError(422, 1235, `The 'MessageStream' provided does not exist on this server.`);
  return {
    status: 200,
    body: { To: String(b.To ?? ""), SubmittedAt: new Date().toISOString().replace("Z", "+00:00"), MessageID: randomUUID(), ErrorCode: 0, Message: "OK" },
  };
}

const codes: Record<number, [number, string]> = {
  401: [10, "The Server API token you provided in the X-Postmark-Server-Token header was invalid."],
  406: [406, "You tried to send to a recipient that has been marked as inactive."],
  422: [300, "Invalid email request"],
  429: [429, "Rate limit exceeded"],
  500: [500, "Internal Server Error"],
  503: [503, "Service Unavailable"],
};

registerSimulator(
  "postmark",
  (req) => matchRoute(req, { "POST /email": () => sendEmail(req) }, () => pmError(404, 404, "The requested resource was not found.")),
  (status, message) => {
    const [code, text] = codes[status] ?? [status, message];
    return pmError(status, code, `${text} (${message})`);
  },
);
