/**
 * Box API simulator: create a folder, `POST /2.0/folders` with `{name, parent: {id}}`
 * (https://developer.box.com/reference/post-folders/). Success: 201 with the folder (`type:
 * "folder"`, numeric string `id`, `path_collection`, `item_status: "active"`). Errors are Box client
 * errors `{type: "error", status, code, message, context_info?, help_url, request_id}`
 * (https://developer.box.com/reference/resources/client-error/): 400 `bad_request` naming the
 * missing parameter, 400 `item_name_invalid`/`item_name_too_long`, 404 `not_found` for a parent id
 * that is not numeric, 409 `item_name_in_use` on demand only (the sandbox is shared by every
 * workspace, so it remembers no folders between requests). A missing or invalid token answers 401 with an empty body and a `WWW-Authenticate`
 * header (https://developer.box.com/guides/api-calls/permissions-and-errors/common-errors/).
 */
import { randomBytes } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const HELP_URL = "http://developers.box.com/docs/#errors";
const requestId = () => randomBytes(8).toString("hex");

const boxError = (status: number, code: string, message: string, context_info?: unknown): SandboxAnswer => ({
  status,
  body: { type: "error", status, code, ...(context_info ? { context_info } : {}), help_url: HELP_URL, message, request_id: requestId() },
});

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

type Mini = { type: "folder"; id: string; sequence_id: string | null; etag: string | null; name: string };
let seq = 0;

const ROOT: Mini = { type: "folder", id: "0", sequence_id: null, etag: null, name: "All Files" };
const USER = { type: "user", id: "33333", name: "Sandbox User", login: "sandbox@box.invalid" };

function createFolder(req: SandboxRequest): SandboxAnswer {
  const auth = req.headers.get("authorization") ?? "";
  if (!/^Bearer\s+\S+/.test(auth)) {
    const desc = auth
      ? 'error="invalid_token", error_description="The access token provided is invalid."'
      : 'error="invalid_request", error_description="The access token was not found."';
    return { status: 401, body: "", headers: { "www-authenticate": `Bearer realm="Service", ${desc}` } };
  }
  const b = isObject(req.body) ? req.body : {};
  const missing = (name: string) =>
    boxError(400, "bad_request", "Bad Request", { errors: [{ reason: "missing_parameter", name, message: `'${name}' is required` }] });
  if (b.name === undefined || b.name === null) return missing("name");
  if (!isObject(b.parent) || b.parent.id === undefined) return missing("parent");
  const name = String(b.name);
  const parentId = String(b.parent.id);
  if (!name.trim() || name === "." || name === ".." || /[/\\]/.test(name) || name !== name.trim())
    return boxError(400, "item_name_invalid", "Item name invalid");
  if (name.length > 255) return boxError(400, "item_name_too_long", "Item name too long");
  // the sandbox keeps no folders between requests (all workspaces share it): a numeric parent is
  // taken to be an existing folder directly under the root, anything else does not exist
  const path: Mini[] | undefined =
    parentId === "0"
      ? [ROOT]
      : /^\d+$/.test(parentId)
        ? [ROOT, { type: "folder", id: parentId, sequence_id: "0", etag: "0", name: `Folder ${parentId}` }]
        : undefined;
  if (!path)
    return boxError(404, "not_found", "Not Found", {
      errors: [{ reason: "invalid_parameter", name: "parent", message: `Invalid value '${parentId}'. 'parent' with value '${parentId}' not found` }],
    });
  const id = String(250_000_000_000 + ++seq);
  const mini: Mini = { type: "folder", id, sequence_id: "0", etag: "0", name };
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "-00:00");
  const parent = path[path.length - 1]!;
  return {
    status: 201,
    body: {
      ...mini,
      created_at: now,
      modified_at: now,
      content_created_at: now,
      content_modified_at: now,
      description: "",
      size: 0,
      path_collection: { total_count: path.length, entries: path },
      created_by: USER,
      modified_by: USER,
      owned_by: USER,
      shared_link: null,
      folder_upload_email: null,
      parent,
      item_status: "active",
      item_collection: { total_count: 0, entries: [], offset: 0, limit: 100, order: [{ by: "type", direction: "ASC" }] },
    },
  };
}

const codes: Record<number, [string, string]> = {
  400: ["bad_request", "Bad Request"],
  403: ["access_denied_insufficient_permissions", "Access denied - insufficient permission"],
  404: ["not_found", "Not Found"],
  409: ["item_name_in_use", "Item with the same name already exists"],
  429: ["rate_limit_exceeded", "Request rate limit exceeded, please try again later"],
  500: ["internal_server_error", "Internal Server Error"],
  503: ["unavailable", "Unavailable"],
};

registerSimulator(
  "box",
  (req) => matchRoute(req, { "POST /2.0/folders": () => createFolder(req) }, () => boxError(404, "not_found", "Not Found")),
  (status, message) => {
    if (status === 401)
      return {
        status,
        body: "",
        headers: { "www-authenticate": 'Bearer realm="Service", error="invalid_token", error_description="The access token provided is invalid."' },
      };
    const [code, text] = codes[status] ?? [status >= 500 ? "internal_server_error" : "bad_request", message];
    return boxError(status, code, text, { message });
  },
);
