/**
 * Google Drive API v3 simulator: create a file or folder (metadata only), `POST /drive/v3/files`
 * (https://developers.google.com/workspace/drive/api/reference/rest/v3/files/create); a folder is a
 * file of `mimeType: "application/vnd.google-apps.folder"`. Success: 200 with the default fields
 * of a File, `{kind: "drive#file", id, name, mimeType}` (more only when `fields` asks).
 * Errors (https://developers.google.com/workspace/drive/api/guides/handle-errors):
 * `{error: {code, message, errors: [{domain, reason, message, location?, locationType?}]}}` —
 * 401 `authError`, an unknown parent 404 `notFound` ("File not found: <id>."), more than one
 * parent 403 `cannotAddParent`, a rate limit 403/429 `userRateLimitExceeded`/`rateLimitExceeded`.
 */
import { randomBytes } from "node:crypto";
import { googleAuthError, googleError } from "./google-errors";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const drive = { legacy: true, withStatus: false };
/** Drive file ids: URL-safe base64 characters, about 33 of them ("root" names My Drive). */
const FILE_ID = /^(root|[A-Za-z0-9_-]{10,})$/;
/** A new file id: "1" and 32 URL-safe base64 characters. */
const fileId = (): string => `1${randomBytes(24).toString("base64url")}`;

function create(req: SandboxRequest) {
  const unauthenticated = googleAuthError(req, drive);
  if (unauthenticated) return unauthenticated;
  const b = (req.body && typeof req.body === "object" && !Array.isArray(req.body) ? req.body : {}) as Record<string, unknown>;
  if (b.name !== undefined && typeof b.name !== "string") return googleError(400, "Invalid value for: name", { ...drive, reason: "invalid", location: "name" });
  if (b.parents !== undefined) {
    if (!Array.isArray(b.parents) || !b.parents.every((p) => typeof p === "string"))
      return googleError(400, "Invalid value for: parents", { ...drive, reason: "invalid", location: "parents" });
    if (b.parents.length > 1) return googleError(403, "Increasing the number of parents is not allowed.", { ...drive, reason: "cannotAddParent" });
    const unknown = (b.parents as string[]).find((p) => !FILE_ID.test(p));
    if (unknown !== undefined) return googleError(404, `File not found: ${unknown}.`, { ...drive, reason: "notFound", location: "fileId" });
  }
  const mimeType = typeof b.mimeType === "string" && b.mimeType ? b.mimeType : "application/octet-stream";
  const name = typeof b.name === "string" && b.name ? b.name : mimeType === "application/vnd.google-apps.folder" ? "Untitled folder" : "Untitled";
  return { status: 200, body: { kind: "drive#file", id: fileId(), name, mimeType } };
}

registerSimulator(
  "google_drive",
  (req) => matchRoute(req, { "POST /drive/v3/files": () => create(req) }, () => googleError(404, "Not Found", { ...drive, reason: "notFound" })),
  (status, message) =>
    status === 429
      ? googleError(429, "Rate Limit Exceeded", { ...drive, reason: "rateLimitExceeded" })
      : googleError(status, message, { ...drive, ...(status === 401 ? { location: "Authorization", locationType: "header" as const } : {}) }),
);
