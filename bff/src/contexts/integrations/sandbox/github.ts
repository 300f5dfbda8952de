/**
 * GitHub REST API simulator: create an issue, `POST /repos/{owner}/{repo}/issues` with `{title,
 * body?, labels?, assignees?, milestone?}` (https://docs.github.com/rest/issues/issues#create-an-issue).
 * Success: 201 with the issue (numbers count up per repository; `url`/`html_url`, `node_id`,
 * `state: "open"`, labels as objects). Errors (https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api):
 * `{message, documentation_url, status}` — 401 `Requires authentication` / `Bad credentials`; 422
 * `Validation Failed` with `errors: [{resource, code, field}]` (or `Invalid request.` for a body
 * that breaks the schema); 400 for a malformed `X-GitHub-Api-Version`; rate limits (429 on demand)
 * carry `x-ratelimit-*` headers.
 */
import { randomBytes } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const DOCS = "https://docs.github.com/rest/issues/issues#create-an-issue";
const ghError = (status: number, message: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>): SandboxAnswer => ({
  status,
  body: { message, ...extra, documentation_url: DOCS, status: String(status) },
  ...(headers ? { headers } : {}),
});

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const counters = new Map<string, number>();
let idSeq = 0;

const color = (name: string) => Buffer.from(name).toString("hex").padEnd(6, "0").slice(0, 6);
const USER = {
  login: "sandbox-user",
  id: 583_231,
  node_id: "MDQ6VXNlcjU4MzIzMQ==",
  avatar_url: "https://avatars.githubusercontent.com/u/583231?v=4",
  type: "User",
  site_admin: false,
};

function createIssue(req: SandboxRequest, owner: string, repo: string): SandboxAnswer {
  const auth = req.headers.get("authorization") ?? "";
  if (!auth) return ghError(401, "Requires authentication");
  if (!/^(Bearer|token)\s+\S+/i.test(auth)) return ghError(401, "Bad credentials");
  const version = req.headers.get("x-github-api-version");
  // versions are dates (2022-11-28 …); anything else is refused
  if (version !== null && !/^\d{4}-\d{2}-\d{2}$/.test(version)) return ghError(400, `API version ${version} is not supported.`);
  const b = isObject(req.body) ? req.body : null;
  if (!b) return ghError(400, "Problems parsing JSON");
  if (b.title === undefined || b.title === null) return ghError(422, 'Invalid request.\n\n"title" wasn\'t supplied.');
  if (typeof b.title !== "string" && typeof b.title !== "number")
    return ghError(422, `Invalid request.\n\nFor 'properties/title', ${JSON.stringify(b.title)} is not a string or integer.`);
  if (b.body !== undefined && b.body !== null && typeof b.body !== "string")
    return ghError(422, `Invalid request.\n\nFor 'properties/body', ${JSON.stringify(b.body)} is not a string or null.`);
  if (b.labels !== undefined && !(Array.isArray(b.labels) && b.labels.every((l) => typeof l === "string" || (isObject(l) && typeof l.name === "string"))))
    return ghError(422, "Invalid request.\n\nFor 'properties/labels', the value is not an array of strings or label objects.");
  const title = String(b.title);
  if (!title.trim()) return ghError(422, "Validation Failed", { errors: [{ resource: "Issue", code: "missing_field", field: "title" }] });
  if (title.length > 256)
    return ghError(422, "Validation Failed", {
      errors: [{ resource: "Issue", code: "custom", field: "title", message: "title is too long (maximum is 256 characters)" }],
    });
  const key = `${owner}/${repo}`.toLowerCase();
  const number = (counters.get(key) ?? 0) + 1;
  counters.set(key, number);
  const id = 2_700_000_000 + ++idSeq;
  const api = `https://api.github.com/repos/${owner}/${repo}`;
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const labels = ((b.labels as (string | { name: string })[] | undefined) ?? []).map((l, i) => {
    const name = typeof l === "string" ? l : l.name;
    return {
      id: 7_000_000_000 + i,
      node_id: `LA_kw${randomBytes(9).toString("base64url")}`,
      url: `${api}/labels/${encodeURIComponent(name)}`,
      name,
      color: color(name),
      default: false,
      description: null,
    };
  });
  return {
    status: 201,
    body: {
      url: `${api}/issues/${number}`,
      repository_url: api,
      labels_url: `${api}/issues/${number}/labels{/name}`,
      comments_url: `${api}/issues/${number}/comments`,
      events_url: `${api}/issues/${number}/events`,
      html_url: `https://github.com/${owner}/${repo}/issues/${number}`,
      id,
      node_id: `I_kwDO${randomBytes(12).toString("base64url")}`,
      number,
      title,
      user: USER,
      labels,
      state: "open",
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: 0,
      created_at: now,
      updated_at: now,
      closed_at: null,
      author_association: "OWNER",
      active_lock_reason: null,
      body: typeof b.body === "string" ? b.body : null,
      closed_by: null,
      state_reason: null,
    },
  };
}

const messages: Record<number, string> = {
  400: "Problems parsing JSON",
  401: "Bad credentials",
  403: "Resource not accessible by integration",
  404: "Not Found",
  410: "Issues are disabled for this repo",
  422: "Validation Failed",
  500: "Server Error",
  503: "Service Unavailable",
};

registerSimulator(
  "github",
  (req) => matchRoute(req, { "POST /repos/:owner/:repo/issues": (p) => createIssue(req, p.owner!, p.repo!) }, () => ghError(404, "Not Found")),
  (status, message) => {
    if (status === 429) {
      // GitHub's rate limits answer 403 or 429 with the limit headers
      const reset = String(Math.floor(Date.now() / 1000) + 60);
      const limited = {
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-used": "5000",
        "x-ratelimit-reset": reset,
        "x-ratelimit-resource": "core",
      };
      return ghError(status, `API rate limit exceeded for user ID ${USER.id}. (${message})`, {}, limited);
    }
    return ghError(status, `${messages[status] ?? "Error"} (${message})`);
  },
);
