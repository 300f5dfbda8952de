/**
 * monday.com GraphQL API simulator: the `create_item` mutation, `POST https://api.monday.com/v2`
 * (https://developer.monday.com/api-reference/reference/items#create-an-item); authorisation
 * `Authorization: <token>` (no scheme), version in `API-Version`. Success: 200
 * `{data: {create_item: {id}}, account_id}` (item ids are numeric strings).
 * Errors (https://developer.monday.com/api-reference/docs/errors, 2024-10 and earlier formats):
 * application errors answer HTTP 200 with `{errors: [{message, locations, path, extensions:
 * {code, error_data, status_code}}], error_message, error_code, error_data, status_code,
 * account_id}` (`InvalidBoardIdException`, `ItemNameTooLongException`, `ColumnValueException`);
 * transport errors keep their status: 401 `{error_message: "Not Authenticated", status_code}`,
 * 400 for a body without a query, 429 `{errors: [{message, extensions: {code: "RATE_LIMIT_EXCEEDED",
 * retry_in_seconds}}]}`, 500 `{error_message, status_code}`.
 */
import { randomInt } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const ACCOUNT_ID = 24_681_357;
const ITEM_NAME_MAX = 255;

/** An application-level error: HTTP 200, the GraphQL error plus its top-level copy (2024-10 format). */
const appError = (code: string, message: string, statusCode: number, errorData: Record<string, unknown> = {}) => ({
  status: 200,
  body: {
    errors: [{ message, locations: [{ line: 1, column: 68 }], path: ["create_item"], extensions: { code, error_data: errorData, status_code: statusCode } }],
    error_message: message,
    error_code: code,
    error_data: errorData,
    status_code: statusCode,
    account_id: ACCOUNT_ID,
  },
});
const transportError = (status: number, message: string) => ({ status, body: { error_message: message, status_code: status } });

function graphql(req: SandboxRequest) {
  if (!/^(Bearer\s+)?\S+$/.test(req.headers.get("authorization") ?? "")) return transportError(401, "Not Authenticated");
  const b = (req.body && typeof req.body === "object" && !Array.isArray(req.body) ? req.body : {}) as { query?: unknown; variables?: unknown };
  if (typeof b.query !== "string" || !b.query.trim()) return transportError(400, "No query string was present");
  if (!/\bcreate_item\s*\(/.test(b.query))
    return {
      status: 200,
      body: {
        errors: [{ message: "The monday.com sandbox answers the create_item mutation only", locations: [{ line: 1, column: 1 }] }],
        account_id: ACCOUNT_ID,
      },
    };
  const v = (b.variables && typeof b.variables === "object" ? b.variables : {}) as Record<string, unknown>;
  const board = String(v.board ?? "");
  if (!/^\d+$/.test(board)) return appError("InvalidBoardIdException", "Board not found", 404, { board_id: board });
  const name = typeof v.name === "string" ? v.name : "";
  if (!name.trim()) return appError("InvalidArgumentException", "item_name can't be blank", 400, { argument: "item_name" });
  if (name.length > ITEM_NAME_MAX)
    return appError("ItemNameTooLongException", `Item name must be ${ITEM_NAME_MAX} characters or less`, 400, { item_name_length: name.length });
  if (v.cols !== undefined && v.cols !== null) {
    let cols: unknown = v.cols;
    if (typeof cols === "string") {
      try {
        cols = JSON.parse(cols);
      } catch {
        return appError("JsonParseException", "Failed to parse column_values: not valid JSON", 400, { column_values: v.cols });
      }
    }
    if (!cols || typeof cols !== "object" || Array.isArray(cols))
      return appError("ColumnValueException", "invalid value - column_values must be a JSON object keyed by column id", 200, { column_values: v.cols });
  }
  return { status: 200, body: { data: { create_item: { id: String(randomInt(1_800_000_000, 9_000_000_000)) } }, account_id: ACCOUNT_ID } };
}

registerSimulator(
  "monday",
  (req) => matchRoute(req, { "POST /v2": () => graphql(req) }, () => transportError(404, "Not Found")),
  (status, message) =>
    status === 429
      ? {
          status,
          body: { errors: [{ message: "Rate limit exceeded", extensions: { code: "RATE_LIMIT_EXCEEDED", retry_in_seconds: 1 } }], account_id: ACCOUNT_ID },
        }
      : status === 401
        ? transportError(401, "Not Authenticated")
        : status === 403
          ? {
              status,
              body: {
                errors: [
                  { message: "User unauthorized to perform action", extensions: { code: "UserUnauthorizedException", error_data: {}, status_code: 403 } },
                ],
                account_id: ACCOUNT_ID,
              },
            }
          : transportError(status, message),
);
