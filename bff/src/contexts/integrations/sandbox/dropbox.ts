/**
 * Dropbox API v2 simulator: `POST /2/files/create_folder_v2` on api.dropboxapi.com with `{path,
 * autorename?}` (https://www.dropbox.com/developers/documentation/http/documentation#files-create_folder).
 * Success: 200 `{metadata: {name, path_lower, path_display, id: "id:…"}}`. Errors
 * (https://www.dropbox.com/developers/documentation/http/documentation#error-handling): 400 is plain
 * text naming the API function (a malformed body, or no `Authorization` header); 401
 * `{error_summary: "invalid_access_token/…", error: {".tag": "invalid_access_token"}}`; endpoint errors
 * are 409 `{error_summary, error}` — `path/malformed_path/`, and `path/conflict/folder/` on demand
 * (the sandbox is shared by every workspace, so it remembers no folders); 429
 * `{error_summary: "too_many_requests/…", error: {reason: {".tag": "too_many_requests"}, retry_after}}`;
 * 5xx plain text.
 */
import { randomBytes } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const FN = "files/create_folder_v2";
const textError = (status: number, text: string): SandboxAnswer => ({ status, body: text });
const routeError = (status: number, summary: string, error: unknown): SandboxAnswer => ({
  status,
  // Dropbox ends the summary with "..." and a short random suffix
  body: { error_summary: `${summary}...${randomBytes(2).toString("hex")}`, error },
});

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const PATH = /^(\/(.|[\r\n])*|ns:[0-9]+(\/.*)?)$/;

function createFolder(req: SandboxRequest): SandboxAnswer {
  const auth = req.headers.get("authorization");
  if (!auth) return textError(400, `Error in call to API function "${FN}": Must provide HTTP header "Authorization" or URL parameter "authorization".`);
  if (!/^Bearer\s+\S+/.test(auth)) return routeError(401, "invalid_access_token/", { ".tag": "invalid_access_token" });
  const b = isObject(req.body) ? req.body : null;
  if (!b) return textError(400, `Error in call to API function "${FN}": request body: could not decode input as JSON`);
  if (typeof b.path !== "string") return textError(400, `Error in call to API function "${FN}": request body: missing required field 'path'`);
  if (!PATH.test(b.path))
    return textError(400, `Error in call to API function "${FN}": request body: path: '${b.path}' did not match pattern '(/(.|[\\r\\n])*)|(ns:[0-9]+(/.*)?)'`);
  if (b.autorename !== undefined && typeof b.autorename !== "boolean")
    return textError(400, `Error in call to API function "${FN}": request body: autorename: expected boolean, got ${typeof b.autorename}`);
  const path = b.path;
  if (path === "/" || path.endsWith("/") || path.includes("//") || /[\\:?*<>"|]/.test(path.slice(1)))
    return routeError(409, "path/malformed_path/", { ".tag": "path", path: { ".tag": "malformed_path" } });
  // no folders are remembered between requests (every workspace shares the sandbox): a conflict is on demand only
  const display = path;
  const name = display.slice(display.lastIndexOf("/") + 1);
  return {
    status: 200,
    body: { metadata: { name, path_lower: display.toLowerCase(), path_display: display, id: `id:${randomBytes(16).toString("base64url").slice(0, 22)}` } },
  };
}

registerSimulator(
  "dropbox",
  (req) => matchRoute(req, { "POST /2/files/create_folder_v2": () => createFolder(req) }, () => textError(404, "Unknown API function")),
  (status, message) => {
    if (status === 400) return textError(400, `Error in call to API function "${FN}": ${message}`);
    if (status === 401) return routeError(401, "invalid_access_token/", { ".tag": "invalid_access_token" });
    if (status === 403) return routeError(403, "no_permission/", { ".tag": "no_permission" });
    if (status === 409) return routeError(409, "path/conflict/folder/", { ".tag": "path", path: { ".tag": "conflict", conflict: { ".tag": "folder" } } });
    if (status === 429) return routeError(429, "too_many_requests/", { reason: { ".tag": "too_many_requests" }, retry_after: 1 });
    return textError(status, status >= 500 ? `Internal Server Error (${message})` : message);
  },
);
