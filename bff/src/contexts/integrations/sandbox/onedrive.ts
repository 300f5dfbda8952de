/**
 * OneDrive (Microsoft Graph v1.0) simulator: create a folder, `POST /v1.0/me/drive/root/children`
 * (https://learn.microsoft.com/graph/api/driveitem-post-children). Success: 201 with the created
 * driveItem (`id`, `name`, `folder: {childCount}`, `parentReference`, `webUrl`, timestamps…). The
 * simulator keeps no folders (it serves every workspace's test executions), so no name is ever
 * taken: a conflict (409 `nameAlreadyExists`) is asked for as an error on demand. Errors are Graph errors
 * `{error: {code, message, innerError: {date, request-id, client-request-id}}}`
 * (https://learn.microsoft.com/graph/errors); no or a malformed token: 401 `InvalidAuthenticationToken`.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const graphError = (status: number, code: string, message: string) => {
  const id = randomUUID();
  return {
    status,
    body: { error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, ""), "request-id": id, "client-request-id": id } } },
  };
};

/** Characters OneDrive refuses in an item name (https://support.microsoft.com/office/restrictions-and-limitations-in-onedrive-and-sharepoint-64883a5d-228e-48f5-b3d2-eb39e07630fa). */
const INVALID_NAME = /["*:<>?/\\|]/;
const DRIVE_ID = "b!sandboxDrive000000000000000000000000000000000000000000000000000";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** A OneDrive for Business item id: 34 upper-case base32 characters starting `01` (random: no count across workspaces). */
const itemId = () => `01${Array.from(randomBytes(32), (b) => BASE32[b % 32]).join("")}`;

function createChild(req: SandboxRequest) {
  const auth = req.headers.get("authorization") ?? "";
  if (!auth) return graphError(401, "InvalidAuthenticationToken", "Access token is empty.");
  if (!/^Bearer\s+\S+/.test(auth)) return graphError(401, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed.");
  const b = req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : null;
  if (!b) return graphError(400, "BadRequest", "Empty Payload. JSON content expected.");
  const name = typeof b.name === "string" ? b.name.trim() : "";
  if (!name) return graphError(400, "invalidRequest", "Invalid request: the property 'name' is required.");
  if (INVALID_NAME.test(name) || name.length > 255) return graphError(400, "invalidRequest", "The provided name contains invalid characters or is too long.");
  if (b.folder === undefined && b.file === undefined) return graphError(400, "invalidRequest", "Either 'folder' or 'file' must be provided, but not both.");
  const behavior = String(b["@microsoft.graph.conflictBehavior"] ?? "fail");
  if (!["fail", "replace", "rename"].includes(behavior)) return graphError(400, "invalidRequest", `Invalid conflictBehavior value: ${behavior}`);
  const finalName = name;
  const id = itemId();
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const user = { user: { displayName: "Sandbox User", id: "00000000-0000-0000-0000-000000000001" } };
  return {
    status: 201,
    body: {
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('me')/drive/root/children/$entity",
      id,
      name: finalName,
      eTag: `"{${id}},1"`,
      cTag: `"c:{${id}},0"`,
      createdDateTime: now,
      lastModifiedDateTime: now,
      size: 0,
      webUrl: `https://sandbox-my.sharepoint.com/personal/sandbox_user/Documents/${encodeURIComponent(finalName)}`,
      createdBy: user,
      lastModifiedBy: user,
      parentReference: { driveType: "business", driveId: DRIVE_ID, id: "01SANDBOXROOT0000000000000000000000", path: "/drive/root:" },
      fileSystemInfo: { createdDateTime: now, lastModifiedDateTime: now },
      folder: { childCount: 0 },
    },
  };
}

const codes: Record<number, string> = {
  400: "invalidRequest",
  401: "InvalidAuthenticationToken",
  403: "accessDenied",
  404: "itemNotFound",
  409: "nameAlreadyExists",
  429: "activityLimitReached",
  500: "generalException",
  503: "serviceNotAvailable",
};

registerSimulator(
  "onedrive",
  (req) =>
    matchRoute(
      req,
      {
        "POST /v1.0/me/drive/root/children": () => createChild(req),
        "POST /v1.0/me/drive/items/:id/children": () => createChild(req),
      },
      (r) => graphError(400, "BadRequest", `Resource not found for the segment '${r.url.pathname.split("/").pop()}'.`),
    ),
  (status, message) => graphError(status, codes[status] ?? (status >= 500 ? "generalException" : "invalidRequest"), message),
);
