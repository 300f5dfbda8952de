/**
 * Mailchimp Marketing API 3.0 simulator: add a member to an audience,
 * `POST https://{dc}.api.mailchimp.com/3.0/lists/{list_id}/members` with `{email_address, status}`
 * (https://mailchimp.com/developer/marketing/api/list-members/add-member-to-list/). Authorisation:
 * HTTP Basic with any user name and the API key as password (the key ends in its data centre,
 * `…-us21`), or an OAuth Bearer token. Success: 200 with the member (`id` the MD5 hash of the
 * lower-cased address, `unique_email_id`, `web_id`, `status`, `list_id`, `merge_fields`, …).
 * Errors are problem documents `{type, title, status, detail, instance}` (application/problem+json,
 * https://mailchimp.com/developer/marketing/docs/errors/): 401 "API Key Invalid" (also for a key
 * of another data centre), 404 "Resource Not Found" for an unknown audience, 400 "Invalid
 * Resource" with `errors: [{field, message}]`. No members are kept, so "Member Exists" comes only
 * on demand (400).
 */
import { createHash, randomBytes, randomInt, randomUUID } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const problem = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}): SandboxAnswer => ({
  status,
  body: { type: "https://mailchimp.com/developer/marketing/docs/errors/", title, status, detail, instance: randomUUID(), ...extra },
  headers: { "content-type": "application/problem+json; charset=utf-8" },
});

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Audience ids are 10 lower-case hex digits. */
const LIST_ID = /^[0-9a-f]{10}$/;
const STATUSES = ["subscribed", "unsubscribed", "cleaned", "pending", "transactional"];

const keyInvalid = () => problem(401, "API Key Invalid", "Your API key may be invalid, or you've attempted to access the wrong datacenter.");

function addMember(req: SandboxRequest, listId: string) {
  const auth = req.headers.get("authorization") ?? "";
  const basic = /^Basic\s+(\S+)/.exec(auth);
  if (basic) {
    const password = Buffer.from(basic[1]!, "base64").toString("utf8").split(":").slice(1).join(":");
    if (!password) return keyInvalid();
    // a key of another data centre is refused (the sandbox's stand-in host is no real data centre)
    const keyDc = /-([a-z]+\d+)$/.exec(password)?.[1];
    const hostDc = req.url.hostname.split(".")[0]!;
    if (keyDc && /^[a-z]+\d+$/.test(hostDc) && keyDc !== hostDc) return keyInvalid();
  } else if (!/^Bearer\s+\S+/.test(auth)) return keyInvalid();
  if (!LIST_ID.test(listId)) return problem(404, "Resource Not Found", "The requested resource could not be found.");
  const b = (req.body && typeof req.body === "object" && !Array.isArray(req.body) ? req.body : {}) as Record<string, unknown>;
  const errors: { field: string; message: string }[] = [];
  if (typeof b.email_address !== "string" || !b.email_address) errors.push({ field: "email_address", message: "This value should not be blank." });
  else if (!EMAIL.test(b.email_address)) return problem(400, "Invalid Resource", "Please provide a valid email address.");
  if (typeof b.status !== "string" || !b.status) errors.push({ field: "status", message: "This value should not be blank." });
  else if (!STATUSES.includes(b.status))
    errors.push({ field: "status", message: `The value you selected is not a valid choice. Choose one of: ${STATUSES.join(", ")}.` });
  if (errors.length)
    return problem(400, "Invalid Resource", "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", { errors });
  const email = String(b.email_address);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00");
  const merge = (b.merge_fields && typeof b.merge_fields === "object" ? b.merge_fields : {}) as Record<string, unknown>;
  return {
    status: 200,
    body: {
      id: createHash("md5").update(email.toLowerCase()).digest("hex"),
      email_address: email,
      unique_email_id: randomBytes(5).toString("hex"),
      contact_id: randomBytes(16).toString("hex"),
      full_name: [merge.FNAME, merge.LNAME].filter(Boolean).join(" "),
      web_id: randomInt(100_000_000, 900_000_000),
      email_type: typeof b.email_type === "string" ? b.email_type : "html",
      status: b.status,
      merge_fields: { FNAME: "", LNAME: "", ...merge },
      stats: { avg_open_rate: 0, avg_click_rate: 0 },
      ip_signup: "",
      timestamp_signup: "",
      ip_opt: "",
      timestamp_opt: b.status === "subscribed" ? now : "",
      member_rating: 2,
      last_changed: now,
      language: "",
      vip: false,
      email_client: "",
      location: { latitude: 0, longitude: 0, gmtoff: 0, dstoff: 0, country_code: "", timezone: "", region: "" },
      source: "API - Generic",
      tags_count: 0,
      tags: [],
      list_id: listId,
    },
  };
}

const titles: Record<number, [string, string]> = {
  400: ["Invalid Resource", "The resource submitted could not be validated."],
  401: ["API Key Invalid", "Your API key may be invalid, or you've attempted to access the wrong datacenter."],
  403: ["Forbidden", "You don't have permission to access this resource."],
  404: ["Resource Not Found", "The requested resource could not be found."],
  405: ["Method Not Allowed", "The requested method and resource are not compatible."],
  429: ["Too Many Requests", "You have exceeded the limit of 10 simultaneous connections."],
  500: ["Internal Server Error", "An unexpected internal error has occurred. Please contact Support for more information."],
  503: ["Service Unavailable", "This service is temporarily unavailable. Please try again later."],
};

registerSimulator(
  "mailchimp",
  (req) =>
    matchRoute(req, { "POST /3.0/lists/:list/members": (p) => addMember(req, p.list!) }, () =>
      problem(404, "Resource Not Found", "The requested resource could not be found."),
    ),
  (status, message) => {
    const [title, detail] = titles[status] ?? [status >= 500 ? "Internal Server Error" : "Bad Request", message];
    return problem(status, title, `${detail} (${message})`);
  },
);
