/**
 * Customer.io App API simulator: send a transactional email, `POST /v1/send/email` on
 * api.customer.io with `{transactional_message_id, to, identifiers: {id | email | cio_id},
 * message_data?, from?, subject?, body?}`, authorised by `Authorization: Bearer <App API key>`
 * (https://docs.customer.io/api/app/#operation/sendEmail). Success: 200 `{delivery_id, queued_at}`
 * (queued_at in Unix seconds). Errors: `{meta: {error}}` — 401 for an invalid App API key, 400 for
 * missing or malformed fields (https://docs.customer.io/journeys/transactional-api-common-api-errors/).
 */
import { randomBytes } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const cioError = (status: number, error: string): SandboxAnswer => ({ status, body: { meta: { error } } });

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
/** `to` may be a comma-separated list of addresses, each optionally `Name <address>`. */
const validTo = (to: string) => to.split(",").every((a) => /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/.test(a.trim().replace(/^.*<([^>]+)>$/, "$1")));

function sendEmail(req: SandboxRequest): SandboxAnswer {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? "")) return cioError(401, "Unauthorized request");
  const b = isObject(req.body) ? req.body : null;
  if (!b) return cioError(400, "Request entity must be JSON encoded and not exceed 2048 KB.");
  const hasTemplate = b.transactional_message_id !== undefined && b.transactional_message_id !== null && b.transactional_message_id !== "";
  if (!hasTemplate && !(b.body && b.subject && b.from)) return cioError(400, "Missing required field: transactional_message_id (or body, subject and from)");
  if (typeof b.to !== "string" || !b.to) return cioError(400, "Missing required field: to");
  if (!validTo(b.to)) return cioError(400, `Invalid value for field "to": ${b.to}`);
  if (!isObject(b.identifiers)) return cioError(400, "Missing required field: identifiers");
  const ids = ["id", "email", "cio_id"].filter((k) => (b.identifiers as Record<string, unknown>)[k] !== undefined);
  if (ids.length !== 1) return cioError(400, "identifiers must contain exactly one of id, email or cio_id");
  if (b.message_data !== undefined && !isObject(b.message_data)) return cioError(400, "message_data must be an object");
  return { status: 200, body: { delivery_id: randomBytes(21).toString("base64url"), queued_at: Math.floor(Date.now() / 1000) } };
}

const messages: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized request",
  403: "Account is not yet approved for sending.",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

registerSimulator(
  "customer_io",
  (req) => matchRoute(req, { "POST /v1/send/email": () => sendEmail(req) }, () => ({ status: 405, body: { meta: { error: "Method Not Allowed" } } })),
  (status, message) => cioError(status, `${messages[status] ?? "Error"} (${message})`),
);
