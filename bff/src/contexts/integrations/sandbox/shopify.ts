/**
 * Shopify Admin REST simulator: create a customer, `POST /admin/api/{version}/customers.json` with
 * `X-Shopify-Access-Token` (https://shopify.dev/docs/api/admin-rest/2024-10/resources/customer#post-customers).
 * Success: 201 `{customer: {id, email, first_name, last_name, tags, state: "disabled", currency,
 * admin_graphql_api_id: "gid://shopify/Customer/<id>", …}}`. Validation errors: 422
 * `{errors: {<field>: ["<message>"]}}`; the simulator keeps no customers (it serves every
 * workspace's test executions), so `has already been taken` comes only as an error on demand; other errors `{errors: "<message>"}` — 401 `[API] Invalid API key or
 * access token (unrecognized login or wrong password)`, 404 `Not Found`, 429 `Exceeded 2 calls per
 * second for api client…` (https://shopify.dev/docs/api/usage/response-codes).
 */
import { randomInt } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const shopifyError = (status: number, errors: string | Record<string, string[]>) => ({ status, body: { errors } });
const UNAUTHORIZED = "[API] Invalid API key or access token (unrecognized login or wrong password)";
const VERSION = /^(\d{4}-(01|04|07|10)|unstable)$/;

function createCustomer(req: SandboxRequest, version: string) {
  if (!VERSION.test(version)) return shopifyError(404, "Not Found");
  if (!req.headers.get("x-shopify-access-token")) return shopifyError(401, UNAUTHORIZED);
  const c = ((req.body as { customer?: unknown } | null)?.customer ?? null) as Record<string, unknown> | null;
  if (!c || typeof c !== "object") return shopifyError(400, { customer: ["Required parameter missing or invalid"] });
  const errors: Record<string, string[]> = {};
  const email = typeof c.email === "string" ? c.email.trim().toLowerCase() : "";
  const phone = typeof c.phone === "string" ? c.phone.replace(/[\s()-]/g, "") : "";
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors.email = ["is invalid"];
  if (phone && !/^\+?\d{7,15}$/.test(phone)) errors.phone = ["is invalid"];
  if (!email && !phone && !c.first_name && !c.last_name) errors.base = ["Customer must have a name, phone number or email address"];
  if (c.tags !== undefined && typeof c.tags !== "string" && !Array.isArray(c.tags)) errors.tags = ["is invalid"];
  if (Object.keys(errors).length) return shopifyError(422, errors);
  // random, not counted: the simulator serves every workspace's test executions
  const id = 7_100_000_000_000 + randomInt(0, 2 ** 40);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "-00:00");
  const tags = Array.isArray(c.tags) ? c.tags.join(", ") : String(c.tags ?? "");
  const consent = (state: string) => ({ state, opt_in_level: "single_opt_in", consent_updated_at: null });
  return {
    status: 201,
    body: {
      customer: {
        id,
        email: email || null,
        created_at: now,
        updated_at: now,
        first_name: c.first_name ?? null,
        last_name: c.last_name ?? null,
        orders_count: 0,
        state: "disabled",
        total_spent: "0.00",
        last_order_id: null,
        note: c.note ?? null,
        verified_email: Boolean(c.verified_email ?? true),
        multipass_identifier: null,
        tax_exempt: false,
        tags,
        last_order_name: null,
        currency: "USD",
        phone: phone || null,
        addresses: [],
        tax_exemptions: [],
        email_marketing_consent: email ? consent("not_subscribed") : null,
        sms_marketing_consent: phone ? consent("not_subscribed") : null,
        admin_graphql_api_id: `gid://shopify/Customer/${id}`,
        default_address: null,
      },
    },
  };
}

const messages: Record<number, string> = {
  401: UNAUTHORIZED,
  402: "Unavailable Shop",
  403: "[API] This action requires merchant approval for write_customers scope.",
  404: "Not Found",
  423: "Locked",
  429: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.",
  500: "Internal Server Error",
  503: "Unavailable Shop",
};

registerSimulator(
  "shopify",
  (req) => matchRoute(req, { "POST /admin/api/:version/customers.json": (p) => createCustomer(req, p.version!) }, () => shopifyError(404, "Not Found")),
  (status, message) => shopifyError(status, status === 422 ? { email: ["has already been taken"], base: [message] } : (messages[status] ?? message)),
);
