/**
 * Metabase API simulator (self-hosted): run a saved question, `POST {server_url}/api/card/{card-id}/query`
 * (https://www.metabase.com/docs/latest/api#tag/apicard/POST/api/card/{card-id}/query), authorised
 * with the `X-API-Key` header (https://www.metabase.com/docs/latest/people-and-groups/api-keys).
 * Success: 202 (Metabase streams query results and answers 202 Accepted) with the query result
 * `{data: {rows, cols, native_form, results_timezone, results_metadata}, database_id, started_at,
 * json_query, status: "completed", context: "question", row_count, running_time}`; every card
 * answers the same small sample table. Errors: 401 the plain text `Unauthenticated`, 404 `Not
 * found.`, 403 `You don't have permissions to do that.`, a bad path parameter 400
 * `{errors: {<param>: <message>}, specific-errors: {<param>: [<message>]}}`, other failures
 * `{message}`.
 */
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const cols = [
  { name: "ID", display_name: "ID", base_type: "type/BigInteger", effective_type: "type/BigInteger", semantic_type: "type/PK", source: "native" },
  { name: "NAME", display_name: "Name", base_type: "type/Text", effective_type: "type/Text", semantic_type: "type/Name", source: "native" },
  { name: "TOTAL", display_name: "Total", base_type: "type/Float", effective_type: "type/Float", semantic_type: null, source: "native" },
  {
    name: "CREATED_AT",
    display_name: "Created At",
    base_type: "type/DateTime",
    effective_type: "type/DateTime",
    semantic_type: "type/CreationTimestamp",
    source: "native",
  },
];
const rows = [
  [1, "Ada Lovelace", 120.5, "2026-11-02T09:15:00Z"],
  [2, "Grace Hopper", 87.25, "2026-11-03T14:40:00Z"],
  [3, "Katherine Johnson", 230, "2026-11-05T11:05:00Z"],
];

const invalidParam = (name: string, value: string) => ({
  status: 400,
  body: {
    errors: { [name]: "value must be an integer greater than zero." },
    "specific-errors": { [name]: [`value must be an integer greater than zero., received: ${JSON.stringify(value)}`] },
  },
});

function runCard(req: SandboxRequest, cardId: string) {
  if (!req.headers.get("x-api-key") && !req.headers.get("x-metabase-session")) return { status: 401, body: "Unauthenticated" };
  if (!/^[1-9]\d*$/.test(cardId)) return invalidParam("card-id", cardId);
  const b = req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
  if (b.parameters !== undefined && !Array.isArray(b.parameters))
    return { status: 400, body: { errors: { parameters: "nullable sequence of parameter maps" } } };
  const started = new Date();
  const query = `SELECT "ID", "NAME", "TOTAL", "CREATED_AT" FROM "PUBLIC"."ORDERS" LIMIT 3 -- card ${cardId}`;
  return {
    status: 202,
    body: {
      data: {
        rows,
        cols,
        native_form: { query, params: null },
        results_timezone: "UTC",
        requested_timezone: "UTC",
        results_metadata: { columns: cols.map((c) => ({ ...c, field_ref: ["field", c.name, { "base-type": c.base_type }] })) },
        insights: null,
      },
      database_id: 1,
      started_at: started.toISOString(),
      json_query: { type: "native", native: { query }, database: 1, parameters: b.parameters ?? [] },
      average_execution_time: null,
      status: "completed",
      context: "question",
      row_count: rows.length,
      running_time: 12,
    },
  };
}

registerSimulator(
  "metabase",
  (req) => matchRoute(req, { "POST /api/card/:card/query": (p) => runCard(req, p.card!) }, () => ({ status: 404, body: "API endpoint does not exist." })),
  (status, message) =>
    status === 401
      ? { status, body: "Unauthenticated" }
      : status === 403
        ? { status, body: "You don't have permissions to do that." }
        : status === 404
          ? { status, body: "Not found." }
          : { status, body: { message } },
);
