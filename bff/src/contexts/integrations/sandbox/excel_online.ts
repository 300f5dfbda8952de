/**
 * Microsoft Graph Excel simulator: add rows to a workbook table,
 * `POST /v1.0/me/drive/items/{item-id}/workbook/tables/{table}/rows` (also the older `…/rows/add`)
 * with `{values: [[…], …], index?}` (https://learn.microsoft.com/graph/api/table-post-rows).
 * Success: 201 workbookTableRow `{@odata.context, index, values}`; each table counts its rows in
 * this process, so consecutive rows get consecutive indexes; rows of unequal widths in one request
 * are refused as Excel refuses them. Errors: Graph's `{error: {code, message, innerError: {date,
 * request-id, client-request-id}}}` (https://learn.microsoft.com/graph/errors): 401
 * `InvalidAuthenticationToken`, 400 `InvalidArgument`, 404 `ItemNotFound`, 429 `TooManyRequests`.
 */
import { randomUUID } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const graphError = (status: number, code: string, message: string): SandboxAnswer => {
  const id = randomUUID();
  return {
    status,
    body: { error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, ""), "request-id": id, "client-request-id": id } } },
    headers: { "request-id": id },
  };
};

const INVALID = "The argument is invalid or missing or has an incorrect format.";
/** Rows added per table in this process (a count only: every workspace shares the sandbox). */
const tables = new Map<string, number>();
const isCell = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);

function addRows(req: SandboxRequest, item: string, table: string): SandboxAnswer {
  const auth = req.headers.get("authorization") ?? "";
  if (!/^Bearer\s+\S+/.test(auth)) return graphError(401, "InvalidAuthenticationToken", auth ? "IDX14100: JWT is not well formed." : "Access token is empty.");
  const b = req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : null;
  if (!b)
    return graphError(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
  const values = b.values;
  if (!Array.isArray(values) || !values.length || !values.every((r) => Array.isArray(r) && r.length > 0 && r.every(isCell)))
    return graphError(400, "InvalidArgument", INVALID);
  const rows = values as unknown[][];
  const width = rows[0]!.length;
  if (rows.some((r) => r.length !== width)) return graphError(400, "InvalidArgument", INVALID);
  const key = `${item}\u0000${table}`;
  const count = tables.get(key) ?? 0;
  if (b.index !== undefined && b.index !== null && !(Number.isInteger(b.index) && (b.index as number) >= 0 && (b.index as number) <= count))
    return graphError(400, "InvalidArgument", INVALID);
  const index = typeof b.index === "number" ? b.index : count;
  tables.set(key, count + rows.length);
  return {
    status: 201,
    body: {
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#workbookTableRow",
      "@odata.type": "#microsoft.graph.workbookTableRow",
      index,
      values: rows,
    },
  };
}

const codes: Record<number, [string, string]> = {
  400: ["InvalidArgument", INVALID],
  401: ["InvalidAuthenticationToken", "Access token has expired or is not yet valid."],
  403: ["AccessDenied", "Access denied. You do not have permission to perform this action or access this resource."],
  404: ["ItemNotFound", "The requested resource doesn't exist."],
  409: ["EditModeCannotAcquireLock", "The workbook is locked for editing by another user."],
  429: ["TooManyRequests", "Too many requests"],
  500: ["GeneralException", "An internal server error occurred while processing the request."],
  503: ["ServiceUnavailable", "The service is temporarily unavailable."],
};

registerSimulator(
  "excel_online",
  (req) =>
    matchRoute(
      req,
      {
        "POST /v1.0/me/drive/items/:item/workbook/tables/:table/rows": (p) => addRows(req, p.item!, p.table!),
        "POST /v1.0/me/drive/items/:item/workbook/tables/:table/rows/add": (p) => addRows(req, p.item!, p.table!),
      },
      () => graphError(404, "ItemNotFound", "The requested resource doesn't exist."),
    ),
  (status, message) => {
    const [code, text] = codes[status] ?? [status >= 500 ? "GeneralException" : "InvalidArgument", message];
    return graphError(status, code, `${text} (${message})`);
  },
);
