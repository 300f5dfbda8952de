/**
 * HubSpot CRM v3 simulator: create a contact, `POST /crm/v3/objects/contacts` with `{properties:
 * {email, firstname, …}}` (https://developers.hubspot.com/docs/api/crm/contacts).
 * Success: 201 `{id, properties: {…sent, createdate, lastmodifieddate, hs_object_id}, createdAt,
 * updatedAt, archived: false}` (ids are numeric strings). Errors are
 * `{status: "error", message, correlationId, category}` (https://developers.hubspot.com/docs/api/error-handling):
 * no token 401 `INVALID_AUTHENTICATION`, invalid property values 400 `VALIDATION_ERROR` ("Property
 * values were not valid: [...]"), 429 `RATE_LIMIT` with `errorType` and `policyName`. The
 * simulator keeps no contacts, so it never answers 409 CONFLICT (duplicate email) unless asked to.
 */
import { randomInt, randomUUID } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const categories: Record<number, string> = {
  400: "VALIDATION_ERROR",
  401: "INVALID_AUTHENTICATION",
  403: "MISSING_SCOPES",
  404: "OBJECT_NOT_FOUND",
  409: "CONFLICT",
  429: "RATE_LIMITS",
};
const hubspotError = (status: number, message: string, extra: Record<string, unknown> = {}) => ({
  status,
  body: {
    status: "error",
    message,
    correlationId: randomUUID(),
    category: categories[status] ?? (status >= 500 ? "INTERNAL_ERROR" : "VALIDATION_ERROR"),
    ...extra,
  },
});

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Internal property names: lower-case letters, digits and underscores. */
const PROPERTY = /^[a-z][a-z0-9_]*$/;

interface Invalid {
  isValid: false;
  message: string;
  error: string;
  name: string;
}

function createContact(req: SandboxRequest) {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? ""))
    return hubspotError(
      401,
      "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
    );
  const b = (req.body && typeof req.body === "object" && !Array.isArray(req.body) ? req.body : {}) as { properties?: unknown };
  if (!b.properties || typeof b.properties !== "object" || Array.isArray(b.properties))
    return hubspotError(400, "Invalid input JSON on line 1, column 2: Some required fields were not set: [properties]");
  const props = b.properties as Record<string, unknown>;
  const invalid: Invalid[] = [];
  for (const [name, value] of Object.entries(props)) {
    if (!PROPERTY.test(name)) invalid.push({ isValid: false, message: `Property "${name}" does not exist`, error: "PROPERTY_DOESNT_EXIST", name });
    else if (value !== null && typeof value === "object")
      invalid.push({ isValid: false, message: `${JSON.stringify(value)} is not a valid value`, error: "INVALID_OPTION", name });
  }
  if (props.email !== undefined && !EMAIL.test(String(props.email)))
    invalid.push({ isValid: false, message: `Email address ${String(props.email)} is invalid`, error: "INVALID_EMAIL", name: "email" });
  if (invalid.length) return hubspotError(400, `Property values were not valid: ${JSON.stringify(invalid)}`);
  const id = String(randomInt(100_000_000, 200_000_000_000));
  const now = new Date().toISOString();
  const properties: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(props)) properties[k] = v === null ? null : String(v);
  return {
    status: 201,
    body: {
      id,
      properties: { ...properties, createdate: now, lastmodifieddate: now, hs_object_id: id },
      createdAt: now,
      updatedAt: now,
      archived: false,
    },
  };
}

registerSimulator(
  "hubspot",
  (req) => matchRoute(req, { "POST /crm/v3/objects/contacts": () => createContact(req) }, () => hubspotError(404, "Resource not found")),
  (status, message) =>
    status === 429
      ? hubspotError(429, "You have reached your secondly limit.", { errorType: "RATE_LIMIT", policyName: "SECONDLY" })
      : hubspotError(status, message),
);
