/**
 * Airtable Web API simulator: create records, `POST /v0/{baseId}/{tableIdOrName}`
 * (https://airtable.com/developers/web/api/create-records). The body is `{records: [{fields}], typecast?}`
 * (at most 10 records) or a single `{fields}`. Success: 200 `{records: [{id: "rec…", createdTime, fields}]}`
 * (or the one record), where `fields` leaves out empty values as Airtable does. Errors:
 * `{error: {type, message}}` — 401 `AUTHENTICATION_REQUIRED`, 403 `INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND`,
 * 404 `NOT_FOUND`, 422 `INVALID_REQUEST_MISSING_FIELDS` / `INVALID_RECORDS` / `INVALID_REQUEST_UNKNOWN`;
 * a 429 answers `{errors: [{error: "RATE_LIMIT_REACHED", message}]}`
 * (https://airtable.com/developers/web/api/errors).
 */
import { randomBytes } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const airtableError = (status: number, type: string, message: string): SandboxAnswer => ({ status, body: { error: { type, message } } });

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

const ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** A record id: `rec` and 14 alphanumerics. */
const recordId = () => `rec${[...randomBytes(14)].map((b) => ALPHANUM[b % ALPHANUM.length]).join("")}`;

/** Airtable's answers leave out empty cell values (null, "", false, []). */
const nonEmpty = (fields: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== null && v !== undefined && v !== "" && v !== false && !(Array.isArray(v) && v.length === 0)),
  );

function createRecords(req: SandboxRequest, base: string): SandboxAnswer {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? "")) return airtableError(401, "AUTHENTICATION_REQUIRED", "Authentication required");
  if (!/^app[A-Za-z0-9]{3,}$/.test(base))
    return airtableError(
      403,
      "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND",
      "Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.",
    );
  const b = isObject(req.body) ? req.body : null;
  if (!b) return airtableError(422, "INVALID_REQUEST_UNKNOWN", "Invalid request: parameter validation failed. Check your request data.");
  const single = b.records === undefined && isObject(b.fields);
  if (!single && b.records === undefined) return airtableError(422, "INVALID_REQUEST_MISSING_FIELDS", 'Could not find field "records" in the request body');
  const records = single ? [{ fields: b.fields }] : b.records;
  if (!Array.isArray(records) || records.length === 0)
    return airtableError(422, "INVALID_REQUEST_UNKNOWN", "Invalid request: parameter validation failed. Check your request data.");
  if (records.length > 10) return airtableError(422, "INVALID_RECORDS", "You can create at most 10 records per request");
  for (const [i, r] of records.entries()) {
    if (!isObject(r) || !isObject(r.fields))
      return airtableError(
        422,
        "INVALID_REQUEST_UNKNOWN",
        `Invalid request: parameter validation failed. Check your request data. (records[${i}].fields must be an object)`,
      );
    const blank = Object.keys(r.fields).find((k) => !k.trim());
    if (blank !== undefined) return airtableError(422, "UNKNOWN_FIELD_NAME", `Unknown field name: "${blank}"`);
  }
  const createdTime = new Date().toISOString();
  const created = (records as { fields: Record<string, unknown> }[]).map((r) => ({ id: recordId(), createdTime, fields: nonEmpty(r.fields) }));
  return { status: 200, body: single ? created[0] : { records: created } };
}

const types: Record<number, [string, string]> = {
  400: ["INVALID_REQUEST_UNKNOWN", "Invalid request: the request could not be parsed"],
  401: ["AUTHENTICATION_REQUIRED", "Authentication required"],
  403: ["INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", "Invalid permissions, or the requested model was not found"],
  404: ["NOT_FOUND", "Could not find what you are looking for"],
  413: ["REQUEST_TOO_LARGE", "Request body is too large"],
  422: ["INVALID_REQUEST_UNKNOWN", "Invalid request: parameter validation failed. Check your request data."],
  500: ["SERVER_ERROR", "Server error"],
  503: ["SERVICE_UNAVAILABLE", "Service unavailable"],
};

registerSimulator(
  "airtable",
  (req) =>
    matchRoute(req, { "POST /v0/:base/:table": (p) => createRecords(req, p.base!) }, () =>
      airtableError(404, "NOT_FOUND", "Could not find what you are looking for"),
    ),
  (status, message) => {
    if (status === 429) return { status, body: { errors: [{ error: "RATE_LIMIT_REACHED", message: "Rate limit exceeded. Please try again later" }] } };
    const [type, text] = types[status] ?? [status >= 500 ? "SERVER_ERROR" : "INVALID_REQUEST_UNKNOWN", message];
    return airtableError(status, type, `${text} (${message})`);
  },
);
