/**
 * Salesforce REST API simulator: create a record, `POST /services/data/vXX.X/sobjects/{sObject}`
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_sobject_create.htm).
 * Success: 201 `{id, success: true, errors: []}`. Errors are a JSON array of
 * `{message, errorCode, fields?}` (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm).
 */
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

/** Key prefixes of common sObjects (the first three characters of their ids). */
const keyPrefix: Record<string, string> = { Account: "001", Contact: "003", Opportunity: "006", Lead: "00Q", Case: "500", Task: "00T" };
/** Required fields the simulator checks, as an org's defaults require them. */
const required: Record<string, string[]> = {
  Lead: ["LastName", "Company"],
  Contact: ["LastName"],
  Account: ["Name"],
  Opportunity: ["Name", "StageName", "CloseDate"],
  Case: [],
};

const sfError = (status: number, message: string, errorCode: string, fields?: string[]) => ({
  status,
  body: [{ message, errorCode, ...(fields ? { fields } : {}) }],
});

let seq = 0;
const recordId = (sobject: string) => `${keyPrefix[sobject] ?? "a00"}5g00000${String(++seq).padStart(8, "0")}AAA`.slice(0, 18);

function create(req: SandboxRequest, sobject: string) {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? "")) return sfError(401, "Session expired or invalid", "INVALID_SESSION_ID");
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(sobject)) return sfError(404, `The requested resource does not exist`, "NOT_FOUND");
  const b = req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : null;
  if (!b) return sfError(400, "The request body is not a JSON object", "JSON_PARSER_ERROR");
  const missing = (required[sobject] ?? []).filter((f) => b[f] === undefined || b[f] === null || b[f] === "");
  if (missing.length) return sfError(400, `Required fields are missing: [${missing.join(", ")}]`, "REQUIRED_FIELD_MISSING", missing);
  if (typeof b.Email === "string" && b.Email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(b.Email))
    return sfError(400, `Email: invalid email address: ${b.Email}`, "INVALID_EMAIL_ADDRESS", ["Email"]);
  return { status: 201, body: { id: recordId(sobject), success: true, errors: [] } };
}

const codes: Record<number, string> = {
  400: "MALFORMED_QUERY",
  401: "INVALID_SESSION_ID",
  403: "REQUEST_LIMIT_EXCEEDED",
  404: "NOT_FOUND",
  429: "REQUEST_LIMIT_EXCEEDED",
};

registerSimulator(
  "salesforce",
  (req) =>
    matchRoute(req, { "POST /services/data/:version/sobjects/:sobject": (p) => create(req, p.sobject!) }, () =>
      sfError(404, "The requested resource does not exist", "NOT_FOUND"),
    ),
  (status, message) => sfError(status, message, codes[status] ?? (status >= 500 ? "UNKNOWN_EXCEPTION" : "INVALID_FIELD")),
);
