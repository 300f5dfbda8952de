/**
 * Bitbucket Cloud REST 2.0 simulator: create an issue, `POST /2.0/repositories/{workspace}/{repo_slug}/issues`
 * with `{title, kind?, priority?, content?: {raw}}`
 * (https://developer.atlassian.com/cloud/bitbucket/rest/api-group-issue-tracker/#api-repositories-workspace-repo-slug-issues-post).
 * Success: 201 with the issue (`type: "issue"`, ids count up per repository, `state: "new"`,
 * `links.self`/`links.html`). Errors: `{type: "error", error: {message, detail?, fields?}}`
 * (https://developer.atlassian.com/cloud/bitbucket/rest/intro/#standardized-error-responses);
 * 401 for a missing token, 400 with `fields` for an invalid issue.
 */
import { randomUUID } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const bbError = (status: number, message: string, extra: { detail?: string; fields?: Record<string, string[]> } = {}): SandboxAnswer => ({
  status,
  body: { type: "error", error: { message, ...extra } },
});

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const KINDS = ["bug", "enhancement", "proposal", "task"];
const PRIORITIES = ["trivial", "minor", "major", "critical", "blocker"];
const counters = new Map<string, number>();

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function createIssue(req: SandboxRequest, workspace: string, slug: string): SandboxAnswer {
  if (!/^(Bearer|Basic)\s+\S+/.test(req.headers.get("authorization") ?? "")) return bbError(401, "Token is invalid or not supported for this endpoint.");
  const b = isObject(req.body) ? req.body : null;
  if (!b) return bbError(400, "Bad request", { detail: "The request body must be a JSON object" });
  const fields: Record<string, string[]> = {};
  if (typeof b.title !== "string" || !b.title.trim()) fields.title = ["This field is required."];
  else if (b.title.length > 255) fields.title = ["Ensure this value has at most 255 characters."];
  if (b.kind !== undefined && !KINDS.includes(String(b.kind))) fields.kind = [`"${String(b.kind)}" is not a valid choice.`];
  if (b.priority !== undefined && !PRIORITIES.includes(String(b.priority))) fields.priority = [`"${String(b.priority)}" is not a valid choice.`];
  if (b.content !== undefined && !(isObject(b.content) && (b.content.raw === undefined || typeof b.content.raw === "string")))
    fields.content = ["expected an object with a raw string"];
  if (Object.keys(fields).length) return bbError(400, "Bad request", { fields });
  const key = `${workspace}/${slug}`;
  const id = (counters.get(key) ?? 0) + 1;
  counters.set(key, id);
  const now = new Date().toISOString().replace("Z", "+00:00");
  const raw = isObject(b.content) && typeof b.content.raw === "string" ? b.content.raw : "";
  const api = `https://api.bitbucket.org/2.0/repositories/${workspace}/${slug}`;
  const reporter = {
    type: "user",
    display_name: "Sandbox User",
    uuid: "{7c1a2b3c-0000-4000-8000-00000000sand}",
    account_id: "557058:sandbox",
    nickname: "sandbox",
  };
  return {
    status: 201,
    body: {
      type: "issue",
      id,
      repository: {
        type: "repository",
        full_name: key,
        name: slug,
        uuid: `{${randomUUID()}}`,
        links: { self: { href: api }, html: { href: `https://bitbucket.org/${key}` } },
      },
      links: {
        self: { href: `${api}/issues/${id}` },
        html: { href: `https://bitbucket.org/${key}/issues/${id}` },
        comments: { href: `${api}/issues/${id}/comments` },
        watch: { href: `${api}/issues/${id}/watch` },
        vote: { href: `${api}/issues/${id}/vote` },
      },
      title: b.title,
      reporter,
      assignee: null,
      created_on: now,
      updated_on: now,
      edited_on: null,
      state: "new",
      kind: b.kind ?? "bug",
      priority: b.priority ?? "major",
      milestone: null,
      version: null,
      component: null,
      votes: 0,
      content: { type: "rendered", raw, markup: "markdown", html: raw ? `<p>${escapeHtml(raw)}</p>` : "" },
    },
  };
}

const messages: Record<number, string> = {
  400: "Bad request",
  401: "Token is invalid or not supported for this endpoint.",
  403: "Your credentials lack one or more required privilege scopes.",
  404: "Repository not found",
  429: "Rate limit for this resource has been exceeded",
  500: "Something went wrong",
};

registerSimulator(
  "bitbucket",
  (req) =>
    matchRoute(req, { "POST /2.0/repositories/:workspace/:slug/issues": (p) => createIssue(req, p.workspace!, p.slug!) }, () =>
      bbError(404, "Resource not found"),
    ),
  (status, message) => bbError(status, messages[status] ?? (status >= 500 ? "Something went wrong" : "Bad request"), { detail: message }),
);
