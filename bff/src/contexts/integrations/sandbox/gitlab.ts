/**
 * GitLab REST v4 simulator: create an issue, `POST /api/v4/projects/{id}/issues`, where `{id}` is
 * the numeric project id or its URL-encoded path (`group%2Fproject`)
 * (https://docs.gitlab.com/api/issues/#new-issue). Authentication: `Authorization: Bearer <token>`
 * or `PRIVATE-TOKEN` (https://docs.gitlab.com/api/rest/authentication/).
 * Success: 201 with the issue (`id`, project-scoped `iid` — random here: the simulator keeps no
 * state another workspace's test run could observe —, `state: "opened"`, `labels` split from the
 * comma-separated string, `web_url`, `references`). Errors (https://docs.gitlab.com/api/rest/troubleshooting/):
 * `{message: "401 Unauthorized"}` / `{message: "404 Project Not Found"}`, a missing required
 * attribute 400 `{error: "title is missing"}`, a failed model validation 400
 * `{message: {<attribute>: ["is too long …"]}}`, and 429 answers the plain text `Retry later`.
 */
import { randomInt } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const phrases: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  422: "Unprocessable Entity",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};
const gitlabMessage = (status: number, message = `${status} ${phrases[status] ?? "Error"}`) => ({ status, body: { message } });

const DESCRIPTION_MAX = 1_048_576;

function createIssue(req: SandboxRequest, project: string) {
  const auth = req.headers.get("authorization") ?? "";
  if (!/^Bearer\s+\S+/.test(auth) && !req.headers.get("private-token")) return gitlabMessage(401);
  // a numeric id, or a namespace path (group[/subgroup…]/project)
  if (!/^\d+$/.test(project) && !/^[\w.-]+(\/[\w.-]+)+$/.test(project)) return gitlabMessage(404, "404 Project Not Found");
  const b = (req.body && typeof req.body === "object" ? req.body : {}) as Record<string, unknown>;
  if (typeof b.title !== "string" || !b.title.trim()) return { status: 400, body: { error: "title is missing" } };
  const invalid: Record<string, string[]> = {};
  if (b.title.length > 255) invalid.title = ["is too long (maximum is 255 characters)"];
  if (typeof b.description === "string" && b.description.length > DESCRIPTION_MAX)
    invalid.description = [`is too long (maximum is ${DESCRIPTION_MAX} characters)`];
  if (Object.keys(invalid).length) return { status: 400, body: { message: invalid } };
  // no per-project counter: another workspace's test run must not move this one's numbers
  const iid = randomInt(1, 10_000);
  const id = randomInt(150_000_000, 190_000_000);
  const projectId = /^\d+$/.test(project) ? Number(project) : 40_000_000 + (project.length % 1000);
  const path = /^\d+$/.test(project) ? `sandbox/project-${project}` : project;
  const labels =
    typeof b.labels === "string"
      ? b.labels
          .split(",")
          .map((l) => l.trim())
          .filter(Boolean)
      : [];
  const now = new Date().toISOString();
  return {
    status: 201,
    body: {
      id,
      iid,
      project_id: projectId,
      title: b.title,
      description: typeof b.description === "string" ? b.description : null,
      state: "opened",
      created_at: now,
      updated_at: now,
      closed_at: null,
      closed_by: null,
      labels,
      milestone: null,
      assignees: [],
      assignee: null,
      author: { id: 9_000_001, username: "sandbox-user", name: "Sandbox User", state: "active", web_url: "https://gitlab.com/sandbox-user" },
      type: "ISSUE",
      issue_type: "issue",
      user_notes_count: 0,
      upvotes: 0,
      downvotes: 0,
      due_date: null,
      confidential: b.confidential === true,
      web_url: `https://gitlab.com/${path}/-/issues/${iid}`,
      references: { short: `#${iid}`, relative: `#${iid}`, full: `${path}#${iid}` },
    },
  };
}

registerSimulator(
  "gitlab",
  (req) => matchRoute(req, { "POST /api/v4/projects/:project/issues": (p) => createIssue(req, p.project!) }, () => gitlabMessage(404, "404 Not Found")),
  (status, message) =>
    status === 429
      ? { status, body: "Retry later" }
      : status === 400
        ? { status, body: { error: message } }
        : status === 422
          ? { status, body: { message: [message] } }
          : gitlabMessage(status),
);
