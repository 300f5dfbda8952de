/**
 * Linear GraphQL API simulator: the `issueCreate` mutation, `POST https://api.linear.app/graphql`
 * (https://linear.app/developers/graphql; the IssueCreateInput schema:
 * https://studio.apollographql.com/public/Linear-API/variant/current/schema/reference/inputs/IssueCreateInput).
 * Authorisation: `Authorization: Bearer <OAuth token>` or a personal API key as is.
 * Success: 200 `{data: {issueCreate: {success: true, issue: {…}}}}` holding the fields the query
 * selects from `id` (UUID), `identifier` (`<TEAM>-<n>`, n random here), `url`, `title`, `description`, `number`.
 * Errors are GraphQL errors `{errors: [{message, extensions: {type, code, userError,
 * userPresentableMessage}}]}`, which Linear answers with HTTP 400 (authentication, invalid
 * input, and rate limits with code `RATELIMITED`: https://linear.app/developers/rate-limiting).
 * Errors on demand keep the status asked for.
 */
import { randomInt, randomUUID } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

interface LinearErrorExt {
  type: string;
  code: string;
  userPresentableMessage?: string;
}
const linearError = (status: number, message: string, ext: LinearErrorExt, path?: string[]) => ({
  status,
  body: {
    errors: [
      {
        message,
        ...(path ? { path } : {}),
        extensions: {
          type: ext.type,
          code: ext.code,
          statusCode: status,
          userError: status < 500,
          ...(ext.userPresentableMessage ? { userPresentableMessage: ext.userPresentableMessage } : {}),
        },
      },
    ],
    data: null,
  },
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The field names a query selects inside `issue { … }` (flat selections only). */
const issueSelection = (query: string): string[] => (/\bissue\s*\{([^{}]*)\}/.exec(query)?.[1] ?? "id").split(/[\s,]+/).filter(Boolean);

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);

function graphql(req: SandboxRequest) {
  if (!/^(Bearer\s+)?\S+$/.test(req.headers.get("authorization") ?? ""))
    return linearError(400, "Authentication required, not authenticated", {
      type: "authentication error",
      code: "AUTHENTICATION_ERROR",
      userPresentableMessage: "You need to authenticate to access this operation.",
    });
  const b = (req.body && typeof req.body === "object" && !Array.isArray(req.body) ? req.body : {}) as { query?: unknown; variables?: unknown };
  if (typeof b.query !== "string" || !b.query.trim())
    return linearError(400, "Must provide query string.", { type: "graphql error", code: "GRAPHQL_PARSE_FAILED" });
  if (!/\bissueCreate\s*\(/.test(b.query))
    return linearError(400, "The Linear sandbox answers the issueCreate mutation only", { type: "graphql error", code: "GRAPHQL_VALIDATION_FAILED" });
  const input = ((b.variables as { input?: unknown } | undefined)?.input ?? {}) as Record<string, unknown>;
  for (const field of ["teamId", "title"] as const) {
    if (input[field] === undefined || input[field] === null)
      return linearError(400, `Variable "$input" got invalid value; Field "${field}" of required type "String!" was not provided.`, {
        type: "graphql error",
        code: "GRAPHQL_VALIDATION_FAILED",
      });
  }
  if (!UUID.test(String(input.teamId)))
    return linearError(400, "Argument Validation Error", { type: "invalid input", code: "INVALID_INPUT", userPresentableMessage: "teamId must be a UUID." }, [
      "issueCreate",
    ]);
  if (!String(input.title).trim())
    return linearError(
      400,
      "Argument Validation Error",
      { type: "invalid input", code: "INVALID_INPUT", userPresentableMessage: "title should not be empty." },
      ["issueCreate"],
    );
  // no per-team counter: another workspace's test run must not move this one's issue numbers
  const number = randomInt(1, 10_000);
  const identifier = `SBX-${number}`;
  const title = String(input.title);
  const all: Record<string, unknown> = {
    id: randomUUID(),
    identifier,
    number,
    title,
    description: typeof input.description === "string" ? input.description : null,
    url: `https://linear.app/sandbox/issue/${identifier}/${slug(title)}`,
    priority: typeof input.priority === "number" ? input.priority : 0,
    createdAt: new Date().toISOString(),
  };
  const issue = Object.fromEntries(issueSelection(b.query).map((f) => [f, all[f] ?? null]));
  return { status: 200, body: { data: { issueCreate: { success: true, issue } } } };
}

registerSimulator(
  "linear",
  (req) =>
    matchRoute(req, { "POST /graphql": () => graphql(req) }, () => ({
      status: 404,
      body: { errors: [{ message: "Not found", extensions: { code: "NOT_FOUND" } }] },
    })),
  (status, message) =>
    status === 429
      ? linearError(429, "Rate limit exceeded", {
          type: "ratelimited",
          code: "RATELIMITED",
          userPresentableMessage: "Too many requests, please try again later.",
        })
      : status === 401
        ? linearError(401, "Authentication required, not authenticated", { type: "authentication error", code: "AUTHENTICATION_ERROR" })
        : status === 403
          ? linearError(403, "Forbidden", { type: "forbidden", code: "FORBIDDEN" })
          : linearError(
              status,
              message,
              status >= 500 ? { type: "internal error", code: "INTERNAL_SERVER_ERROR" } : { type: "invalid input", code: "INVALID_INPUT" },
            ),
);
