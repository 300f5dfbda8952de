/**
 * Braze REST API simulator: track users, `POST /users/track` on `rest.{instance}.braze.com` with
 * `{attributes?: [...], events?: [...], purchases?: [...]}`, authorised by `Authorization: Bearer
 * <REST API key>` (https://www.braze.com/docs/api/endpoints/user_data/post_user_track/). Every object
 * needs one identifier (`external_id`, `user_alias`, `braze_id`, `email` or `phone`); events need
 * `name` and `time`, purchases `product_id`, `currency`, `price` and `time`. Success: 201
 * `{message: "success", attributes_processed?, events_processed?, purchases_processed?}`, with
 * `errors` listing the objects left out (non-fatal). Errors: `{message, errors?}` — the message is
 * the fatal error; 401 for an unknown or missing REST API key, 400 when nothing could be processed
 * (https://www.braze.com/docs/api/errors/).
 */
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const brazeError = (status: number, message: string, errors?: unknown[]): SandboxAnswer => ({ status, body: { message, ...(errors ? { errors } : {}) } });

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const IDENTIFIERS = ["external_id", "user_alias", "braze_id", "email", "phone"];
const MAX_PER_ARRAY = 75;

type MinorError = { type: string; input_array: string; index: number };

/** The minor error of one object of `array`, if any. */
function objectError(array: string, o: unknown, index: number): MinorError | undefined {
  const err = (type: string) => ({ type, input_array: array, index });
  if (!isObject(o)) return err("Each object in the array must be a JSON object");
  if (!IDENTIFIERS.some((k) => o[k] !== undefined && o[k] !== null && o[k] !== ""))
    return err("'external_id', 'user_alias', 'braze_id', 'email' or 'phone' is required");
  if (array === "events" && (typeof o.name !== "string" || !o.name)) return err("'name' is required");
  if (array === "purchases") {
    if (typeof o.product_id !== "string" || !o.product_id) return err("'product_id' is required");
    if (typeof o.currency !== "string" || !/^[A-Z]{3}$/.test(o.currency)) return err("'currency' must be a valid ISO 4217 currency code");
    if (typeof o.price !== "number") return err("'price' is required");
  }
  if ((array === "events" || array === "purchases") && (typeof o.time !== "string" || Number.isNaN(Date.parse(o.time))))
    return err("'time' is required and must be an ISO 8601 time");
  return undefined;
}

function track(req: SandboxRequest): SandboxAnswer {
  const key = /^Bearer\s+(\S+)/.exec(req.headers.get("authorization") ?? "")?.[1];
  if (!key) return brazeError(401, "Invalid API key: missing");
  const b = isObject(req.body) ? req.body : null;
  if (!b) return brazeError(400, "Invalid JSON body");
  const arrays = (["attributes", "events", "purchases"] as const).filter((a) => b[a] !== undefined);
  if (!arrays.length) return brazeError(400, "Request must include at least one of 'attributes', 'events' or 'purchases'");
  const errors: MinorError[] = [];
  const processed: Record<string, number> = {};
  for (const a of arrays) {
    const items = b[a];
    if (!Array.isArray(items)) return brazeError(400, `'${a}' must be an array`);
    if (items.length > MAX_PER_ARRAY) return brazeError(400, `'${a}' may hold at most ${MAX_PER_ARRAY} objects per request`);
    let ok = 0;
    items.forEach((o, i) => {
      const e = objectError(a, o, i);
      if (e) errors.push(e);
      else ok++;
    });
    processed[`${a}_processed`] = ok;
  }
  if (Object.values(processed).every((n) => n === 0)) return brazeError(400, "No valid objects to process", errors);
  return { status: 201, body: { message: "success", ...processed, ...(errors.length ? { errors } : {}) } };
}

const messages: Record<number, string> = {
  400: "Bad syntax",
  401: "Invalid API key",
  403: "Your REST API key does not have the permission users.track",
  404: "Not found",
  429: "Rate limit exceeded",
  500: "Internal server error",
};

registerSimulator(
  "braze",
  (req) => matchRoute(req, { "POST /users/track": () => track(req) }, () => brazeError(404, "Not found")),
  (status, message) => brazeError(status, `${messages[status] ?? "Error"} (${message})`),
);
