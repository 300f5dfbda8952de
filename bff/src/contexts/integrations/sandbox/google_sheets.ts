/**
 * Google Sheets API v4 simulator: `POST /v4/spreadsheets/{spreadsheetId}/values/{range}:append`
 * (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/append).
 * Success: 200 `{spreadsheetId, tableRange?, updates: {spreadsheetId, updatedRange, updatedRows,
 * updatedColumns, updatedCells}}`. Errors: Google's `{error: {code, message, status}}`
 * (https://cloud.google.com/apis/design/errors). Each sheet remembers its rows in this process, so
 * consecutive appends land on consecutive rows.
 */
import { registerSimulator, type SandboxRequest } from "./registry";

const statuses: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};
const googleError = (code: number, message: string) => ({
  status: code,
  body: { error: { code, message, status: statuses[code] ?? (code >= 500 ? "INTERNAL" : "FAILED_PRECONDITION") } },
});

const rowsBySheet = new Map<string, number>();
/** Column letters of a 1-based column number (1 → A, 27 → AA). */
const column = (n: number): string => (n <= 0 ? "" : column(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

function append(req: SandboxRequest, spreadsheetId: string, range: string) {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? ""))
    return googleError(
      401,
      "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
    );
  const option = req.url.searchParams.get("valueInputOption");
  if (option !== "RAW" && option !== "USER_ENTERED") return googleError(400, "'valueInputOption' is required but not specified");
  const b = (req.body && typeof req.body === "object" ? req.body : {}) as { values?: unknown; majorDimension?: unknown };
  if (!Array.isArray(b.values) || !b.values.every(Array.isArray))
    return googleError(400, "Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue)");
  const rows = b.values as unknown[][];
  const sheet = range.split("!")[0]!.replace(/^'|'$/g, "") || "Sheet1";
  const key = `${spreadsheetId}:${sheet}`;
  const before = rowsBySheet.get(key) ?? 0;
  const width = Math.max(1, ...rows.map((r) => r.length));
  rowsBySheet.set(key, before + rows.length);
  const updatedRange = `${sheet}!A${before + 1}:${column(width)}${before + rows.length}`;
  return {
    status: 200,
    body: {
      spreadsheetId,
      ...(before ? { tableRange: `${sheet}!A1:${column(width)}${before}` } : {}),
      updates: { spreadsheetId, updatedRange, updatedRows: rows.length, updatedColumns: width, updatedCells: rows.reduce((n, r) => n + r.length, 0) },
    },
  };
}

registerSimulator(
  "google_sheets",
  (req) => {
    // the range may hold ':' and '!' (encoded), so the path is matched by hand
    const m = /^\/v4\/spreadsheets\/([^/]+)\/values\/(.+):append$/.exec(req.url.pathname);
    if (req.method.toUpperCase() === "POST" && m) return append(req, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!));
    return googleError(404, "Requested entity was not found.");
  },
  (status, message) => googleError(status, message),
);
