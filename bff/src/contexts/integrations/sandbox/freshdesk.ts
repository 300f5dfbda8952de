/**
 * Freshdesk API v2 simulator: create a ticket, `POST /api/v2/tickets` on `{domain}.freshdesk.com`
 * with `{subject, description, email | requester_id | phone | twitter_id | facebook_id |
 * unique_external_id, priority (1–4), status (2–5), source?, tags?, cc_emails?, type?}`, authorised
 * with HTTP Basic (API key as user name, any password) (https://developers.freshdesk.com/api/#create_ticket).
 * Success: 201 with the ticket. Errors (https://developers.freshdesk.com/api/#error): validation 400
 * `{description: "Validation failed", errors: [{field, message, code}]}` (codes `missing_field`,
 * `invalid_value`, `datatype_mismatch`); others `{code, message}` — 401 `invalid_credentials`, 403
 * `access_denied`, 429 `rate_limit_exceeded`.
 */
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

type FieldError = { field: string; message: string; code: string };
const validation = (errors: FieldError[]): SandboxAnswer => ({ status: 400, body: { description: "Validation failed", errors } });
const fdError = (status: number, code: string, message: string): SandboxAnswer => ({ status, body: { code, message } });

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const REQUESTER = ["requester_id", "phone", "email", "twitter_id", "facebook_id", "unique_external_id"];
let seq = 0;

function createTicket(req: SandboxRequest): SandboxAnswer {
  const basic = /^Basic\s+(\S+)/.exec(req.headers.get("authorization") ?? "")?.[1];
  const key = basic ? Buffer.from(basic, "base64").toString().split(":")[0] : "";
  if (!key) return fdError(401, "invalid_credentials", "You have to be logged in to perform this action.");
  const b = isObject(req.body) ? req.body : null;
  if (!b) return validation([{ field: "body", message: "Request body has invalid json format", code: "invalid_json" }]);
  const errors: FieldError[] = [];
  const str = (f: string) => {
    if (b[f] === undefined || b[f] === null || b[f] === "") errors.push({ field: f, message: "It should be a/an String", code: "missing_field" });
    else if (typeof b[f] !== "string") errors.push({ field: f, message: "It should be a/an String", code: "datatype_mismatch" });
  };
  str("subject");
  str("description");
  if (!REQUESTER.some((f) => b[f] !== undefined && b[f] !== null && b[f] !== ""))
    errors.push({
      field: "requester_id",
      message: "Please fill at least 1 of requester_id, phone, email, twitter_id, facebook_id, unique_external_id fields",
      code: "missing_field",
    });
  if (b.email !== undefined && !EMAIL.test(String(b.email)))
    errors.push({ field: "email", message: "It should be in the 'valid email address' format", code: "invalid_value" });
  const oneOf = (f: string, allowed: number[], fallback: number) => {
    if (b[f] === undefined) return fallback;
    if (!allowed.includes(b[f] as number))
      errors.push({ field: f, message: `It should be one of these values: '${allowed.join(",")}'`, code: "invalid_value" });
    return b[f] as number;
  };
  const priority = oneOf("priority", [1, 2, 3, 4], 1);
  const status = oneOf("status", [2, 3, 4, 5], 2);
  const source = oneOf("source", [1, 2, 3, 7, 9, 10], 2);
  if (b.tags !== undefined && !(Array.isArray(b.tags) && b.tags.every((t) => typeof t === "string")))
    errors.push({ field: "tags", message: "It should be a/an Array", code: "datatype_mismatch" });
  if (errors.length) return validation(errors);
  const id = ++seq;
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const due = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const description = String(b.description);
  return {
    status: 201,
    body: {
      id,
      subject: b.subject,
      description: `<div>${description.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!)}</div>`,
      description_text: description,
      priority,
      status,
      source,
      requester_id: typeof b.requester_id === "number" ? b.requester_id : 43_000_000_000 + id,
      responder_id: null,
      group_id: null,
      company_id: null,
      product_id: null,
      email_config_id: null,
      type: b.type ?? null,
      to_emails: null,
      cc_emails: Array.isArray(b.cc_emails) ? b.cc_emails : [],
      fwd_emails: [],
      reply_cc_emails: Array.isArray(b.cc_emails) ? b.cc_emails : [],
      ticket_cc_emails: Array.isArray(b.cc_emails) ? b.cc_emails : [],
      fr_escalated: false,
      spam: false,
      is_escalated: false,
      custom_fields: isObject(b.custom_fields) ? b.custom_fields : {},
      tags: Array.isArray(b.tags) ? b.tags : [],
      attachments: [],
      created_at: now,
      updated_at: now,
      due_by: due(24),
      fr_due_by: due(8),
    },
  };
}

const codes: Record<number, [string, string]> = {
  401: ["invalid_credentials", "You have to be logged in to perform this action."],
  403: ["access_denied", "You are not authorized to perform this action."],
  404: ["not_found", "The requested resource could not be found."],
  405: ["method_not_allowed", "GET, POST method(s) supported."],
  409: ["inconsistent_state", "The resource is in an inconsistent state."],
  429: ["rate_limit_exceeded", "You have exceeded the limit of requests per minute."],
  500: ["internal_error", "We're sorry, but something went wrong."],
};

registerSimulator(
  "freshdesk",
  (req) => matchRoute(req, { "POST /api/v2/tickets": () => createTicket(req) }, () => fdError(404, "not_found", "The requested resource could not be found.")),
  (status, message) => {
    if (status === 400) return validation([{ field: "sandbox_fail", message, code: "invalid_value" }]);
    const [code, text] = codes[status] ?? [status >= 500 ? "internal_error" : "invalid_value", message];
    return fdError(status, code, `${text} (${message})`);
  },
);
