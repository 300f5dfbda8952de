/**
 * PayPal REST simulator: the client-credentials token, `POST /v1/oauth2/token`
 * (https://developer.paypal.com/api/rest/authentication/), and create an order,
 * `POST /v2/checkout/orders` (https://developer.paypal.com/docs/api/orders/v2/#orders_create).
 * The token answers `{scope, access_token, token_type: "Bearer", app_id, expires_in, nonce}`, or 401
 * `{error: "invalid_client", error_description}`. An order answers 201 `{id, status: "CREATED",
 * links}` (the `approve` link carries the id as `token`); the same `PayPal-Request-Id` answers the
 * same order again, with 200 (https://developer.paypal.com/api/rest/reference/idempotency/). Errors are
 * `{name, message, debug_id, details: [{field, value?, location, issue, description}], links}`
 * (https://developer.paypal.com/api/rest/responses/): 400 `INVALID_REQUEST`, 401
 * `AUTHENTICATION_FAILURE`, 422 `UNPROCESSABLE_ENTITY`, 429 `RATE_LIMIT_REACHED`, 500 `INTERNAL_SERVER_ERROR`.
 */
import { randomBytes } from "node:crypto";
import { remember } from "./bounded";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

interface Detail {
  field?: string;
  value?: string;
  location?: string;
  issue: string;
  description: string;
}

const debugId = () => randomBytes(7).toString("hex").slice(0, 13);
const messages: Record<string, string> = {
  INVALID_REQUEST: "Request is not well-formed, syntactically incorrect, or violates schema.",
  AUTHENTICATION_FAILURE: "Authentication failed due to invalid authentication credentials or a missing Authorization header.",
  NOT_AUTHORIZED: "Authorization failed due to insufficient permissions.",
  RESOURCE_NOT_FOUND: "The specified resource does not exist.",
  UNPROCESSABLE_ENTITY: "The requested action could not be performed, semantically incorrect, or failed business validation.",
  RATE_LIMIT_REACHED: "Too many requests. Blocked due to rate limiting.",
  INTERNAL_SERVER_ERROR: "An internal server error occurred.",
  SERVICE_UNAVAILABLE: "Service Unavailable.",
};

const paypalError = (status: number, name: string, details: Detail[] = []) => ({
  status,
  body: {
    name,
    message: messages[name] ?? name,
    debug_id: debugId(),
    ...(details.length ? { details } : {}),
    links: [
      {
        href: `https://developer.paypal.com/docs/api/orders/v2/#error-${details[0]?.issue ?? name}`,
        rel: "information_link",
        method: "GET",
      },
    ],
  },
});

/** PayPal ids: 17 upper-case alphanumerics. */
const paypalId = () => {
  const chars = "ABCDEFGHJKLMNPRSTUVWXY0123456789";
  return Array.from(randomBytes(17), (b) => chars[b % chars.length]).join("");
};

function token(req: SandboxRequest) {
  const auth = req.headers.get("authorization") ?? "";
  const decoded = /^Basic\s+(\S+)$/.exec(auth)?.[1];
  const [user, pass] = decoded ? Buffer.from(decoded, "base64").toString().split(":") : [];
  if (!user || !pass) return { status: 401, body: { error: "invalid_client", error_description: "Client Authentication failed" } };
  const form = (typeof req.body === "string" ? Object.fromEntries(new URLSearchParams(req.body)) : (req.body ?? {})) as Record<string, unknown>;
  if (form.grant_type !== "client_credentials")
    return { status: 400, body: { error: "unsupported_grant_type", error_description: `Grant Type is NULL or unsupported: ${String(form.grant_type ?? "")}` } };
  return {
    status: 200,
    body: {
      scope: "https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/payments/orders/client_sdk_orders_api",
      access_token: `A21AA${randomBytes(30).toString("base64url")}`,
      token_type: "Bearer",
      app_id: "APP-80W284485P519543T",
      expires_in: 32400,
      nonce: `${new Date().toISOString().replace(/\.\d{3}Z$/, "Z")}${randomBytes(16).toString("base64url")}`,
    },
  };
}

/** Currencies PayPal accepts and the ones without decimals (https://developer.paypal.com/api/rest/reference/currency-codes/). */
const CURRENCIES = new Set("AUD BRL CAD CNY CZK DKK EUR HKD HUF ILS JPY MYR MXN TWD NZD NOK PHP PLN GBP SGD SEK CHF THB USD".split(" "));
const NO_DECIMALS = new Set(["HUF", "JPY", "TWD"]);
const orders = new Map<string, { status: number; body: unknown }>();

function createOrder(req: SandboxRequest) {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? "")) return paypalError(401, "AUTHENTICATION_FAILURE");
  const requestId = req.headers.get("paypal-request-id");
  const replay = requestId ? orders.get(requestId) : undefined;
  // a retried request (same PayPal-Request-Id) answers the stored order with 200 instead of 201
  if (replay) return { ...replay, status: 200 };
  const b = req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : null;
  if (!b)
    return paypalError(400, "INVALID_REQUEST", [{ location: "body", issue: "MALFORMED_REQUEST_JSON", description: "The request JSON is not well formed." }]);
  const details: Detail[] = [];
  const missing = (field: string) =>
    details.push({ field, location: "body", issue: "MISSING_REQUIRED_PARAMETER", description: "A required field / parameter is missing." });
  if (b.intent === undefined) missing("/intent");
  else if (b.intent !== "CAPTURE" && b.intent !== "AUTHORIZE")
    details.push({
      field: "/intent",
      value: String(b.intent),
      location: "body",
      issue: "INVALID_PARAMETER_VALUE",
      description: "The value of a field is invalid.",
    });
  const units = Array.isArray(b.purchase_units) ? (b.purchase_units as Record<string, unknown>[]) : [];
  if (!units.length) missing("/purchase_units");
  units.forEach((u, i) => {
    const amount = (u?.amount ?? null) as { currency_code?: unknown; value?: unknown } | null;
    if (!amount) {
      missing(`/purchase_units/${i}/amount`);
      return;
    }
    if (amount.currency_code === undefined) missing(`/purchase_units/${i}/amount/currency_code`);
    if (amount.value === undefined) missing(`/purchase_units/${i}/amount/value`);
    const value = String(amount.value ?? "");
    if (amount.value !== undefined && !/^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$/.test(value))
      details.push({
        field: `/purchase_units/${i}/amount/value`,
        value,
        location: "body",
        issue: "INVALID_PARAMETER_SYNTAX",
        description: "The value of a field does not conform to the expected format.",
      });
    if (typeof u.description === "string" && u.description.length > 127)
      details.push({
        field: `/purchase_units/${i}/description`,
        location: "body",
        issue: "INVALID_STRING_MAX_LENGTH",
        description: "The value of a field is too long.",
      });
  });
  if (details.length) return paypalError(400, "INVALID_REQUEST", details);
  // semantic checks come after the schema (422, as PayPal answers them)
  for (const [i, u] of units.entries()) {
    const { currency_code, value } = u.amount as { currency_code: string; value: string };
    const field = `/purchase_units/${i}/amount`;
    if (!CURRENCIES.has(String(currency_code)))
      details.push({
        field: `${field}/currency_code`,
        value: String(currency_code),
        location: "body",
        issue: "CURRENCY_NOT_SUPPORTED",
        description: "Currency code is not currently supported.",
      });
    else if ((value.split(".")[1]?.length ?? 0) > (NO_DECIMALS.has(currency_code) ? 0 : 2))
      details.push({
        field: `${field}/value`,
        value,
        location: "body",
        issue: "DECIMAL_PRECISION",
        description: "If the currency supports decimals, only two decimal place precision is supported.",
      });
    else if (!(Number(value) > 0))
      details.push({ field: `${field}/value`, value, location: "body", issue: "CANNOT_BE_ZERO_OR_NEGATIVE", description: "Must be greater than zero." });
  }
  if (details.length) return paypalError(422, "UNPROCESSABLE_ENTITY", details);
  const id = paypalId();
  const base = "https://api.paypal.com/v2/checkout/orders";
  const answer = {
    status: 201,
    body: {
      id,
      status: "CREATED",
      links: [
        { href: `${base}/${id}`, rel: "self", method: "GET" },
        { href: `https://www.paypal.com/checkoutnow?token=${id}`, rel: "approve", method: "GET" },
        { href: `${base}/${id}`, rel: "update", method: "PATCH" },
        {
          href: `${base}/${id}/${b.intent === "AUTHORIZE" ? "authorize" : "capture"}`,
          rel: b.intent === "AUTHORIZE" ? "authorize" : "capture",
          method: "POST",
        },
      ],
    },
  };
  if (requestId) remember(orders, requestId, answer);
  return answer;
}

const names: Record<number, string> = {
  400: "INVALID_REQUEST",
  401: "AUTHENTICATION_FAILURE",
  403: "NOT_AUTHORIZED",
  404: "RESOURCE_NOT_FOUND",
  422: "UNPROCESSABLE_ENTITY",
  429: "RATE_LIMIT_REACHED",
  500: "INTERNAL_SERVER_ERROR",
  503: "SERVICE_UNAVAILABLE",
};

registerSimulator(
  "paypal",
  (req) =>
    matchRoute(req, { "POST /v1/oauth2/token": () => token(req), "POST /v2/checkout/orders": () => createOrder(req) }, () =>
      paypalError(404, "RESOURCE_NOT_FOUND"),
    ),
  (status, message) =>
    paypalError(status, names[status] ?? (status >= 500 ? "INTERNAL_SERVER_ERROR" : "INVALID_REQUEST"), [
      { issue: names[status] ?? "SANDBOX_FAIL", description: message },
    ]),
);
