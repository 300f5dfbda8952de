/**
 * Google Meet REST API v2 simulator: create a meeting space, `POST /v2/spaces` with an optional
 * Space body `{config: {accessType, entryPointAccess}}`
 * (https://developers.google.com/workspace/meet/api/reference/rest/v2/spaces/create).
 * Success: 200 Space `{name: "spaces/<id>", meetingUri: "https://meet.google.com/<code>",
 * meetingCode: "abc-mnop-xyz", config: {accessType, entryPointAccess}}`.
 * Errors: Google's `{error: {code, message, status, details?}}` (https://cloud.google.com/apis/design/errors);
 * an unknown enum value answers 400 INVALID_ARGUMENT with a `google.rpc.BadRequest` field violation.
 */
import { randomInt } from "node:crypto";
import { googleAuthError, googleError } from "./google-errors";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const ACCESS_TYPES = ["ACCESS_TYPE_UNSPECIFIED", "OPEN", "TRUSTED", "RESTRICTED"];
const ENTRY_POINT_ACCESS = ["ENTRY_POINT_ACCESS_UNSPECIFIED", "ALL", "CREATOR_APP_ONLY"];

const invalidEnum = (field: string, type: string, value: unknown) => {
  const message = `Invalid value at '${field}' (type.googleapis.com/google.apps.meet.v2.SpaceConfig.${type}), ${JSON.stringify(value)}`;
  return googleError(400, message, {
    details: [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field, description: message }] }],
  });
};

const letters = (len: number) => Array.from({ length: len }, () => String.fromCharCode(97 + randomInt(26))).join("");
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function createSpace(req: SandboxRequest) {
  const unauthenticated = googleAuthError(req);
  if (unauthenticated) return unauthenticated;
  const b = (req.body && typeof req.body === "object" ? req.body : {}) as { config?: Record<string, unknown> };
  const config = (b.config ?? {}) as Record<string, unknown>;
  if (config.accessType !== undefined && !ACCESS_TYPES.includes(String(config.accessType)))
    return invalidEnum("space.config.access_type", "AccessType", config.accessType);
  if (config.entryPointAccess !== undefined && !ENTRY_POINT_ACCESS.includes(String(config.entryPointAccess)))
    return invalidEnum("space.config.entry_point_access", "EntryPointAccess", config.entryPointAccess);
  const meetingCode = `${letters(3)}-${letters(4)}-${letters(3)}`;
  const id = Array.from({ length: 12 }, () => ALNUM[randomInt(62)]).join("");
  const accessType = config.accessType && config.accessType !== "ACCESS_TYPE_UNSPECIFIED" ? config.accessType : "TRUSTED";
  const entryPointAccess = config.entryPointAccess && config.entryPointAccess !== "ENTRY_POINT_ACCESS_UNSPECIFIED" ? config.entryPointAccess : "ALL";
  return {
    status: 200,
    body: { name: `spaces/${id}`, meetingUri: `https://meet.google.com/${meetingCode}`, meetingCode, config: { accessType, entryPointAccess } },
  };
}

registerSimulator(
  "google_meet",
  (req) => matchRoute(req, { "POST /v2/spaces": () => createSpace(req) }, () => googleError(404, "Requested entity was not found.")),
  (status, message) => googleError(status, message),
);
