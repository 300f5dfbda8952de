/**
 * Stripe simulator: create a customer, `POST /v1/customers`, form-encoded with bracketed keys
 * (`metadata[plan]=pro`) and `Authorization: Bearer <secret key>` (https://docs.stripe.com/api/customers/create).
 * Success: 200 with the Customer object (`id: "cus_…"`, `object: "customer"`, `livemode: false`,
 * `metadata`…). The same `Idempotency-Key` with the same parameters answers the first result again
 * (header `Idempotent-Replayed: true`); with other parameters 400 `idempotency_error`
 * (https://docs.stripe.com/api/idempotent_requests). Errors are `{error: {type, code?, message,
 * param?, doc_url?, request_log_url}}` (https://docs.stripe.com/api/errors): 401 without a key,
 * 400 `invalid_request_error` for unknown parameters, an invalid email (`email_invalid`) or metadata
 * beyond its limits, 429 code `rate_limit`, 5xx `api_error`.
 */
import { randomBytes } from "node:crypto";
import { remember } from "./bounded";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

interface StripeError {
  type: string;
  code?: string;
  message: string;
  param?: string;
}
const requestId = () => `req_${randomBytes(10).toString("base64url").replace(/[-_]/g, "x").slice(0, 14)}`;
const stripeError = (status: number, e: StripeError) => {
  const id = requestId();
  return {
    status,
    body: {
      error: {
        ...(e.code ? { code: e.code, doc_url: `https://docs.stripe.com/error-codes/${e.code.replace(/_/g, "-")}` } : {}),
        message: e.message,
        ...(e.param ? { param: e.param } : {}),
        request_log_url: `https://dashboard.stripe.com/test/logs/${id}`,
        type: e.type,
      },
    },
    headers: { "request-id": id },
  };
};

/** The parameters customer create accepts at the top level (https://docs.stripe.com/api/customers/create). */
const PARAMS = new Set([
  "address",
  "balance",
  "cash_balance",
  "description",
  "email",
  "expand",
  "invoice_prefix",
  "invoice_settings",
  "metadata",
  "name",
  "next_invoice_sequence",
  "payment_method",
  "phone",
  "preferred_locales",
  "shipping",
  "source",
  "tax",
  "tax_exempt",
  "tax_id_data",
  "test_clock",
]);
const replays = new Map<string, { params: string; answer: { status: number; body: unknown; headers: Record<string, string> } }>();
const customerId = () => `cus_${randomBytes(10).toString("base64url").replace(/[-_]/g, "A").slice(0, 14)}`;

/** The form as a flat `key → value` map (a JSON body, which Stripe would not parse, reads as no parameters). */
const formOf = (body: unknown): Record<string, string> =>
  typeof body === "string"
    ? Object.fromEntries(new URLSearchParams(body))
    : body && typeof body === "object" && !Array.isArray(body)
      ? Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
      : {};

function createCustomer(req: SandboxRequest) {
  const auth = req.headers.get("authorization") ?? "";
  if (!auth)
    return stripeError(401, {
      type: "invalid_request_error",
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    });
  const key = /^Bearer\s+(\S+)$/.exec(auth)?.[1] ?? /^Basic\s+(\S+)$/.exec(auth)?.[1];
  if (!key) return stripeError(401, { type: "invalid_request_error", message: "Invalid API Key provided: ****" });
  const form = formOf(req.body);
  const paramsKey = JSON.stringify(Object.entries(form).sort());
  const idem = req.headers.get("idempotency-key");
  const seen = idem ? replays.get(`${key}:${idem}`) : undefined;
  if (seen) {
    if (seen.params !== paramsKey)
      return stripeError(400, {
        type: "idempotency_error",
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idem}' if you meant to execute a different request.`,
      });
    return { ...seen.answer, headers: { ...seen.answer.headers, "idempotent-replayed": "true" } };
  }
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) {
    const top = k.replace(/\[.*$/, "");
    if (!PARAMS.has(top))
      return stripeError(400, { type: "invalid_request_error", code: "parameter_unknown", message: `Received unknown parameter: ${k}`, param: k });
    const m = /^metadata\[([^\]]+)\]$/.exec(k);
    if (m) {
      if (m[1]!.length > 40) return stripeError(400, { type: "invalid_request_error", message: "Metadata keys can have up to 40 characters.", param: k });
      if (v.length > 500) return stripeError(400, { type: "invalid_request_error", message: "Metadata values can have up to 500 characters.", param: k });
      metadata[m[1]!] = v;
    }
  }
  if (Object.keys(metadata).length > 50)
    return stripeError(400, { type: "invalid_request_error", message: "Metadata can have up to 50 keys.", param: "metadata" });
  if (form.email !== undefined && (form.email.length > 512 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(form.email)))
    return stripeError(400, { type: "invalid_request_error", code: "email_invalid", message: `Invalid email address: ${form.email}`, param: "email" });
  if (form.name !== undefined && form.name.length > 256)
    return stripeError(400, { type: "invalid_request_error", message: "Invalid string: must be at most 256 characters", param: "name" });
  const id = customerId();
  const answer = {
    status: 200,
    body: {
      id,
      object: "customer",
      address: null,
      balance: 0,
      created: Math.floor(Date.now() / 1000),
      currency: null,
      default_source: null,
      delinquent: false,
      description: form.description ?? null,
      discount: null,
      email: form.email ?? null,
      invoice_prefix: id.slice(4, 12).toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata,
      name: form.name ?? null,
      next_invoice_sequence: 1,
      phone: form.phone ?? null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: "none",
      test_clock: null,
    },
    headers: { "request-id": requestId(), ...(idem ? { "idempotency-key": idem } : {}) },
  };
  if (idem) remember(replays, `${key}:${idem}`, { params: paramsKey, answer });
  return answer;
}

const onDemand: Record<number, Omit<StripeError, "message">> = {
  400: { type: "invalid_request_error", code: "parameter_invalid_empty" },
  401: { type: "invalid_request_error" },
  402: { type: "card_error", code: "card_declined" },
  403: { type: "invalid_request_error", code: "secret_key_required" },
  404: { type: "invalid_request_error", code: "resource_missing" },
  409: { type: "idempotency_error" },
  429: { type: "invalid_request_error", code: "rate_limit" },
};

registerSimulator(
  "stripe",
  (req) =>
    matchRoute(req, { "POST /v1/customers": () => createCustomer(req) }, () =>
      stripeError(404, {
        type: "invalid_request_error",
        message: `Unrecognized request URL (${req.method}: ${req.url.pathname}). Please see https://docs.stripe.com/ or we can help at https://support.stripe.com/.`,
      }),
    ),
  (status, message) => stripeError(status, { ...(onDemand[status] ?? { type: "api_error" }), message }),
);
