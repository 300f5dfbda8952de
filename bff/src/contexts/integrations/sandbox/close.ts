/**
 * Close API simulator: create a lead, `POST /api/v1/lead/` with `{name?, url?, description?,
 * status_id?, contacts?: [{name?, title?, emails?: [{email, type}], phones?: [{phone, type}]}]}`
 * (https://developer.close.com/resources/leads/#create-a-new-lead), authorised with HTTP Basic (the
 * API key as user name, empty password) or an OAuth Bearer token. Success: 200 with the lead
 * (`lead_…`, `cont_…`, `stat_…`, `orga_…` ids, dates with `+00:00`). Errors
 * (https://developer.close.com/api/overview/http-response-codes): validation 400
 * `{errors: [...], "field-errors": {<field>: <message>}}`; others `{error: <message>}`; 429
 * `{error: {rate_reset, message, rate_limit_type}}`.
 */
import { randomBytes } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const closeError = (status: number, error: string): SandboxAnswer => ({ status, body: { error } });
const invalid = (fieldErrors: Record<string, unknown>, errors: string[] = []): SandboxAnswer => ({
  status: 400,
  body: { errors, "field-errors": fieldErrors },
});

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** A Close object id: its prefix and 43 alphanumerics. */
const closeId = (prefix: string) => `${prefix}_${[...randomBytes(43)].map((b) => ALPHANUM[b % ALPHANUM.length]).join("")}`;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ORGANIZATION = closeId("orga");
const USER = closeId("user");
const POTENTIAL = closeId("stat");

function createLead(req: SandboxRequest): SandboxAnswer {
  const auth = req.headers.get("authorization") ?? "";
  const basicUser = /^Basic\s+(\S+)/.exec(auth)?.[1];
  const key = basicUser ? Buffer.from(basicUser, "base64").toString().split(":")[0] : undefined;
  if (!key && !/^Bearer\s+\S+/.test(auth)) return closeError(401, "The API key or OAuth token is missing or invalid.");
  const b = isObject(req.body) ? req.body : null;
  if (!b) return invalid({}, ["The request body must be a JSON object."]);
  const fieldErrors: Record<string, unknown> = {};
  if (b.name !== undefined && b.name !== null && typeof b.name !== "string") fieldErrors.name = "Not a valid string.";
  if (b.url !== undefined && b.url !== null && b.url !== "" && !/^https?:\/\/\S+$/.test(String(b.url))) fieldErrors.url = "Not a valid URL.";
  if (b.status_id !== undefined && !/^stat_\w+$/.test(String(b.status_id))) fieldErrors.status_id = "Object does not exist.";
  const contacts = b.contacts ?? [];
  if (!Array.isArray(contacts)) fieldErrors.contacts = "Not a valid list.";
  else {
    const contactErrors: Record<string, unknown> = {};
    contacts.forEach((c, i) => {
      if (!isObject(c)) contactErrors[i] = "Not a valid object.";
      else if (c.emails !== undefined && !Array.isArray(c.emails)) contactErrors[i] = { emails: "Not a valid list." };
      else {
        const bad = ((c.emails as unknown[] | undefined) ?? []).findIndex((e) => !isObject(e) || !EMAIL.test(String(e.email ?? "")));
        if (bad >= 0) contactErrors[i] = { emails: { [bad]: { email: "Invalid email address." } } };
      }
    });
    if (Object.keys(contactErrors).length) fieldErrors.contacts = contactErrors;
  }
  if (Object.keys(fieldErrors).length) return invalid(fieldErrors);
  const id = closeId("lead");
  const now = new Date().toISOString().replace("Z", "000+00:00");
  const name = typeof b.name === "string" ? b.name : "";
  const created = (contacts as Record<string, unknown>[]).map((c) => ({
    id: closeId("cont"),
    lead_id: id,
    organization_id: ORGANIZATION,
    name: typeof c.name === "string" ? c.name : "",
    display_name: typeof c.name === "string" ? c.name : "",
    title: typeof c.title === "string" ? c.title : "",
    emails: ((c.emails as Record<string, unknown>[] | undefined) ?? []).map((e) => ({ email: e.email, type: e.type ?? "office" })),
    phones: Array.isArray(c.phones) ? c.phones : [],
    urls: [],
    date_created: now,
    date_updated: now,
    created_by: USER,
    updated_by: USER,
  }));
  return {
    status: 200,
    body: {
      id,
      organization_id: ORGANIZATION,
      name,
      display_name: name || (created[0]?.name ?? ""),
      description: typeof b.description === "string" ? b.description : "",
      url: b.url ?? null,
      status_id: b.status_id ?? POTENTIAL,
      status_label: b.status_id ? "Sandbox status" : "Potential",
      contacts: created,
      opportunities: [],
      tasks: [],
      addresses: [],
      custom: {},
      html_url: `https://app.close.com/lead/${id}/`,
      date_created: now,
      date_updated: now,
      created_by: USER,
      updated_by: USER,
    },
  };
}

const messages: Record<number, string> = {
  401: "The API key or OAuth token is missing or invalid.",
  402: "A limit of your current plan was reached.",
  403: "This operation is not allowed.",
  404: "Empty query: lead matching query does not exist.",
  405: "The method is not allowed for the requested URL.",
  415: "Unsupported media type.",
  500: "Internal Server Error",
};

registerSimulator(
  "close",
  (req) => matchRoute(req, { "POST /api/v1/lead": () => createLead(req) }, () => closeError(404, "The requested URL was not found on the server.")),
  (status, message) => {
    if (status === 400) return invalid({}, [message]);
    if (status === 429)
      return { status, body: { error: { rate_reset: 1, message: "API call count exceeded for this 15 second window", rate_limit_type: "key" } } };
    return closeError(status, `${messages[status] ?? "Error"} (${message})`);
  },
);
