/**
 * Pipedrive API v1 simulator: add a person, `POST /v1/persons`
 * (https://developers.pipedrive.com/docs/api/v1/Persons#addPerson). Success: 201
 * `{success: true, data: {id, name, first_name, last_name, email: [{label, value, primary}], phone,
 * owner_id, add_time, …}, related_objects}` (times `YYYY-MM-DD HH:MM:SS`, UTC). Errors: `{success:
 * false, error, error_info, data: null, additional_data: null}`
 * (https://pipedrive.readme.io/docs/core-api-concepts-responses); no or a malformed token: 401
 * `{success: false, error: "unauthorized access", errorCode: 401, error_info}`.
 */
import { randomInt } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const ERROR_INFO = "Please check developers.pipedrive.com for more information about Pipedrive API.";
const pdError = (status: number, error: string) => ({ status, body: { success: false, error, error_info: ERROR_INFO, data: null, additional_data: null } });
const unauthorized = () => ({ status: 401, body: { success: false, error: "unauthorized access", errorCode: 401, error_info: ERROR_INFO } });

const OWNER = { id: 1_000_001, name: "Sandbox User", email: "sandbox.user@example.com", has_pic: 0, pic_hash: null, active_flag: true, value: 1_000_001 };

/** A contact list (`email`/`phone`): a string, or `[{value, primary?, label?}]`; answers the normalised list or an error message. */
function contactList(value: unknown, field: string): { label: string; value: string; primary: boolean }[] | string {
  if (value === undefined || value === null) return [{ label: "", value: "", primary: true }];
  const items = typeof value === "string" ? [{ value }] : Array.isArray(value) ? value : null;
  if (!items) return `${field} must be a string or an array of objects.`;
  const out: { label: string; value: string; primary: boolean }[] = [];
  for (const [i, it] of items.entries()) {
    const v = typeof it === "string" ? it : (it as { value?: unknown } | null)?.value;
    if (typeof v !== "string") return `${field}[${i}].value must be a string.`;
    const o = (typeof it === "object" ? it : {}) as { primary?: unknown; label?: unknown };
    out.push({ label: typeof o.label === "string" ? o.label : "work", value: v, primary: o.primary === true || (i === 0 && o.primary === undefined) });
  }
  return out;
}

function addPerson(req: SandboxRequest) {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? "") && !req.url.searchParams.get("api_token")) return unauthorized();
  const b = req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : null;
  if (!b) return pdError(400, "Invalid JSON payload.");
  const name = typeof b.name === "string" ? b.name.trim() : "";
  if (!name) return pdError(400, "Name must be given.");
  const email = contactList(b.email, "email");
  if (typeof email === "string") return pdError(400, email);
  const badEmail = email.find((e) => e.value && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e.value));
  if (badEmail) return pdError(400, `Invalid email address: ${badEmail.value}`);
  const phone = contactList(b.phone, "phone");
  if (typeof phone === "string") return pdError(400, phone);
  if (b.visible_to !== undefined && !["1", "3", "5", "7"].includes(String(b.visible_to))) return pdError(400, "Invalid visible_to value.");
  // random, not counted: the simulator serves every workspace's test executions
  const id = randomInt(100, 2_000_000_000);
  const now = new Date()
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "");
  const [first, ...rest] = name.split(/\s+/);
  return {
    status: 201,
    body: {
      success: true,
      data: {
        id,
        company_id: 9_000_001,
        owner_id: OWNER,
        org_id: b.org_id ?? null,
        name,
        first_name: first,
        last_name: rest.join(" ") || null,
        open_deals_count: 0,
        closed_deals_count: 0,
        activities_count: 0,
        email,
        phone,
        active_flag: true,
        add_time: now,
        update_time: now,
        visible_to: String(b.visible_to ?? "3"),
        label: b.label ?? null,
        org_name: null,
        owner_name: OWNER.name,
        primary_email: email.find((e) => e.primary)?.value || null,
        cc_email: "sandbox@pipedrivemail.com",
      },
      related_objects: { user: { [OWNER.id]: { id: OWNER.id, name: OWNER.name, email: OWNER.email, has_pic: 0, pic_hash: null, active_flag: true } } },
    },
  };
}

const messages: Record<number, string> = {
  400: "Bad request",
  402: "Payment required: the company account is not open",
  403: "You do not have permissions to perform this action.",
  404: "Not found",
  429: "Request over limit",
  500: "Internal server error",
  503: "Requested service is not available",
};

registerSimulator(
  "pipedrive",
  (req) => matchRoute(req, { "POST /v1/persons": () => addPerson(req) }, () => pdError(404, "Unknown method .")),
  (status, message) => (status === 401 ? unauthorized() : pdError(status, `${messages[status] ?? "Error"} — ${message}`)),
);
