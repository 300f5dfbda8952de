/**
 * Square simulator: create a customer, `POST /v2/customers`
 * (https://developer.squareup.com/reference/square/customers-api/create-customer). Success: 200
 * `{customer: {id, created_at, updated_at, given_name, family_name, email_address, preferences,
 * creation_source: "THIRD_PARTY", version: 0}}`; the same `idempotency_key` answers the same
 * customer again (with other data: 400 `IDEMPOTENCY_KEY_REUSED`,
 * https://developer.squareup.com/docs/build-basics/common-api-patterns/idempotency). Errors are
 * `{errors: [{category, code, detail, field?}]}`
 * (https://developer.squareup.com/docs/build-basics/handling-errors): 400 `INVALID_REQUEST_ERROR`
 * (at least one of given_name, family_name, company_name, email_address, phone_number; valid email;
 * field lengths), 401 `AUTHENTICATION_ERROR`/`UNAUTHORIZED`, 429 `RATE_LIMIT_ERROR`/`RATE_LIMITED`,
 * 5xx `API_ERROR`.
 */
import { randomBytes } from "node:crypto";
import { remember } from "./bounded";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

interface SquareError {
  category: string;
  code: string;
  detail: string;
  field?: string;
}
const squareError = (status: number, errors: SquareError[]) => ({ status, body: { errors } });
const invalid = (code: string, detail: string, field?: string): SquareError => ({
  category: "INVALID_REQUEST_ERROR",
  code,
  detail,
  ...(field ? { field } : {}),
});

/** Square customer ids: 26 upper-case base32 characters. */
const customerId = () => {
  const chars = "ABCDEFGHJKMNPQRSTVWXYZ0123456789";
  return Array.from(randomBytes(26), (b) => chars[b % chars.length]).join("");
};
const byKey = new Map<string, { request: string; answer: { status: number; body: unknown } }>();
const LIMITS: Record<string, number> = {
  given_name: 300,
  family_name: 300,
  company_name: 500,
  nickname: 100,
  email_address: 254,
  note: 4096,
  reference_id: 255,
};

function createCustomer(req: SandboxRequest) {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? ""))
    return squareError(401, [{ category: "AUTHENTICATION_ERROR", code: "UNAUTHORIZED", detail: "This request could not be authorized." }]);
  const b = req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : null;
  if (!b) return squareError(400, [invalid("INVALID_CONTENT_TYPE", "The request body must be a JSON object.")]);
  const key = typeof b.idempotency_key === "string" ? b.idempotency_key : undefined;
  if (key !== undefined && (key.length < 1 || key.length > 45))
    return squareError(400, [invalid("INVALID_VALUE", "Field must be between 1 and 45 characters long.", "idempotency_key")]);
  // the same request data whatever the order of its JSON keys (a replay read back from storage included)
  const request = JSON.stringify(b, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [z]) => a.localeCompare(z))) : v,
  );
  const replay = key ? byKey.get(key) : undefined;
  if (replay && replay.request !== request)
    return squareError(400, [invalid("IDEMPOTENCY_KEY_REUSED", "The idempotency key can only be retried with the same request data.", "idempotency_key")]);
  if (replay) return replay.answer;
  const errors: SquareError[] = [];
  for (const [f, max] of Object.entries(LIMITS)) {
    if (b[f] !== undefined && typeof b[f] !== "string") errors.push(invalid("EXPECTED_STRING", `Expected a string value (line 1, character 1)`, f));
    else if (typeof b[f] === "string" && (b[f] as string).length > max)
      errors.push(invalid("VALUE_TOO_LONG", `Field must not be greater than ${max} length`, f));
  }
  if (typeof b.email_address === "string" && b.email_address && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(b.email_address))
    errors.push(invalid("INVALID_EMAIL_ADDRESS", "Expected email_address to be a valid email address.", "email_address"));
  if (!["given_name", "family_name", "company_name", "email_address", "phone_number"].some((f) => typeof b[f] === "string" && (b[f] as string).trim()))
    errors.push(
      invalid("BAD_REQUEST", "At least one of the following fields must be set: given_name, family_name, company_name, email_address, phone_number."),
    );
  if (errors.length) return squareError(400, errors);
  const now = new Date().toISOString();
  const customer: Record<string, unknown> = { id: customerId(), created_at: now, updated_at: now };
  for (const f of ["given_name", "family_name", "company_name", "nickname", "email_address", "phone_number", "reference_id", "note", "birthday"])
    if (b[f] !== undefined) customer[f] = b[f];
  Object.assign(customer, { preferences: { email_unsubscribed: false }, creation_source: "THIRD_PARTY", version: 0 });
  const answer = { status: 200, body: { customer } };
  if (key) remember(byKey, key, { request, answer });
  return answer;
}

const onDemand: Record<number, Omit<SquareError, "detail">> = {
  400: { category: "INVALID_REQUEST_ERROR", code: "BAD_REQUEST" },
  401: { category: "AUTHENTICATION_ERROR", code: "UNAUTHORIZED" },
  403: { category: "AUTHENTICATION_ERROR", code: "INSUFFICIENT_SCOPES" },
  404: { category: "INVALID_REQUEST_ERROR", code: "NOT_FOUND" },
  409: { category: "INVALID_REQUEST_ERROR", code: "CONFLICT" },
  429: { category: "RATE_LIMIT_ERROR", code: "RATE_LIMITED" },
  500: { category: "API_ERROR", code: "INTERNAL_SERVER_ERROR" },
  503: { category: "API_ERROR", code: "SERVICE_UNAVAILABLE" },
};

registerSimulator(
  "square",
  (req) =>
    matchRoute(req, { "POST /v2/customers": () => createCustomer(req) }, () =>
      squareError(404, [invalid("NOT_FOUND", `Resource not found: ${req.method} ${req.url.pathname}`)]),
    ),
  (status, message) =>
    squareError(status, [
      { ...(onDemand[status] ?? { category: status >= 500 ? "API_ERROR" : "INVALID_REQUEST_ERROR", code: "BAD_REQUEST" }), detail: message },
    ]),
);
