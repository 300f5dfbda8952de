/**
 * Intercom REST API simulator: create a contact, `POST https://api.intercom.io/contacts` with
 * `{role, email?, external_id?, name?}` and the `Intercom-Version` header
 * (https://developers.intercom.com/docs/references/rest-api/api.intercom.io/contacts/createcontact).
 * Success: 200 with the contact (`type: "contact"`, a 24-hex-digit `id`, `workspace_id`, `role`,
 * Unix-second timestamps, empty `tags`/`notes`/`companies` lists). Errors are an error list
 * `{type: "error.list", request_id, errors: [{code, message, field?}]}`
 * (https://developers.intercom.com/docs/references/rest-api/errors/http-responses): no token 401
 * `unauthorized` "Access Token Invalid", a bad field 400 `parameter_invalid`, 429
 * `rate_limit_exceeded`. No contacts are kept, so 409 `conflict` (duplicate email) comes only on demand.
 */
import { randomBytes } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const intercomError = (status: number, code: string, message: string, field?: string) => ({
  status,
  body: { type: "error.list", request_id: randomBytes(10).toString("hex"), errors: [{ code, message, ...(field ? { field } : {}) }] },
});

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const VERSION = /^(\d+\.\d+|Unstable)$/;
const objectId = () => randomBytes(12).toString("hex");
const list = (url: string) => ({ type: "list", data: [], url, total_count: 0, has_more: false });

function createContact(req: SandboxRequest) {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? "")) return intercomError(401, "unauthorized", "Access Token Invalid");
  const version = req.headers.get("intercom-version");
  if (version !== null && !VERSION.test(version)) return intercomError(400, "intercom_version_invalid", `Requested Intercom-Version ${version} is not valid`);
  const b = (req.body && typeof req.body === "object" && !Array.isArray(req.body) ? req.body : {}) as Record<string, unknown>;
  const role = b.role ?? "user";
  if (role !== "user" && role !== "lead") return intercomError(400, "parameter_invalid", "role must be one of: user, lead", "role");
  if (b.email !== undefined && b.email !== null && !EMAIL.test(String(b.email))) return intercomError(400, "parameter_invalid", "Email is invalid", "email");
  if (role === "user" && !b.email && !b.external_id)
    return intercomError(400, "parameter_invalid", "A contact with the user role needs an email or an external_id", "email");
  const id = objectId();
  const now = Math.floor(Date.now() / 1000);
  return {
    status: 200,
    body: {
      type: "contact",
      id,
      workspace_id: "sbx0ws1d",
      external_id: b.external_id ?? null,
      role,
      email: b.email ?? null,
      phone: b.phone ?? null,
      name: b.name ?? null,
      avatar: null,
      owner_id: null,
      social_profiles: { type: "list", data: [] },
      has_hard_bounced: false,
      marked_email_as_spam: false,
      unsubscribed_from_emails: false,
      created_at: now,
      updated_at: now,
      signed_up_at: role === "user" ? now : null,
      last_seen_at: null,
      last_replied_at: null,
      last_contacted_at: null,
      custom_attributes: b.custom_attributes ?? {},
      tags: list(`/contacts/${id}/tags`),
      notes: list(`/contacts/${id}/notes`),
      companies: list(`/contacts/${id}/companies`),
      location: { type: "location", country: null, region: null, city: null },
    },
  };
}

const codes: Record<number, string> = {
  400: "parameter_invalid",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  422: "parameter_invalid",
  429: "rate_limit_exceeded",
  500: "server_error",
  503: "service_unavailable",
};

registerSimulator(
  "intercom",
  (req) => matchRoute(req, { "POST /contacts": () => createContact(req) }, () => intercomError(404, "not_found", "Resource Not Found")),
  (status, message) =>
    status === 401
      ? intercomError(401, "unauthorized", "Access Token Invalid")
      : status === 429
        ? intercomError(429, "rate_limit_exceeded", "Exceeded rate limit of 10000 in 60 seconds")
        : intercomError(status, codes[status] ?? (status >= 500 ? "server_error" : "parameter_invalid"), message),
);
