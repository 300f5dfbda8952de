/**
 * Asana API simulator: create a task, `POST /api/1.0/tasks` with `{data: {name, notes?, projects?,
 * workspace?, parent?, due_on?, …}}` (https://developers.asana.com/reference/createtask).
 * Success: 201 `{data: <task>}` (gids are numeric strings). Errors: `{errors: [{message, help}]}`,
 * server errors also carry a `phrase` (https://developers.asana.com/docs/errors); 401 answers
 * `Not Authorized`.
 */
import { randomInt } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const HELP = "For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors";

const asanaError = (status: number, message: string): SandboxAnswer => ({
  status,
  body: { errors: [{ message, help: HELP, ...(status >= 500 ? { phrase: "6 sandbox squid swim sideways" } : {}) }] },
});

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** A 16-digit gid, as Asana's are. */
const gid = () => String(1_200_000_000_000_000 + randomInt(0, 2 ** 40));
/** Stand-in workspace for tasks created in a project. */
const WORKSPACE = { gid: "1200000000000001", resource_type: "workspace", name: "Sandbox workspace" };

function createTask(req: SandboxRequest): SandboxAnswer {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? "")) return asanaError(401, "Not Authorized");
  const b = isObject(req.body) ? req.body : {};
  if (!isObject(b.data)) return asanaError(400, "data: Missing input");
  const d = b.data;
  const projects = d.projects ?? [];
  if (!Array.isArray(projects)) return asanaError(400, "projects: Value is not an array");
  if (!projects.length && !d.workspace && !d.parent) return asanaError(400, "You should specify one of workspace, parent, projects");
  const bad = projects.findIndex((p) => !/^\d+$/.test(String(p)));
  if (bad >= 0) return asanaError(400, `projects: [${bad}]: Not a recognized ID: ${String(projects[bad])}`);
  if (d.workspace !== undefined && !/^\d+$/.test(String(d.workspace))) return asanaError(400, `workspace: Not a recognized ID: ${String(d.workspace)}`);
  if (d.name !== undefined && typeof d.name !== "string") return asanaError(400, "name: Value is not a string");
  if (d.due_on !== undefined && d.due_on !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(d.due_on)))
    return asanaError(400, `due_on: Invalid date value: ${String(d.due_on)}. Expected format: YYYY-MM-DD`);
  if (d.due_on && d.due_at) return asanaError(400, "You may only provide one of due_on or due_at");
  const id = gid();
  const now = new Date().toISOString();
  const projectRefs = projects.map((p) => ({ gid: String(p), resource_type: "project", name: `Project ${String(p)}` }));
  const workspace = d.workspace ? { gid: String(d.workspace), resource_type: "workspace", name: "Sandbox workspace" } : WORKSPACE;
  return {
    status: 201,
    body: {
      data: {
        gid: id,
        resource_type: "task",
        resource_subtype: "default_task",
        name: d.name ?? "",
        notes: d.notes ?? "",
        completed: false,
        completed_at: null,
        created_at: now,
        modified_at: now,
        due_on: d.due_on ?? null,
        due_at: d.due_at ?? null,
        start_on: null,
        assignee: null,
        parent: d.parent ? { gid: String(d.parent), resource_type: "task", name: "" } : null,
        projects: projectRefs,
        memberships: projectRefs.map((project) => ({ project, section: null })),
        tags: [],
        followers: [],
        workspace,
        permalink_url: `https://app.asana.com/0/${projectRefs[0]?.gid ?? "0"}/${id}`,
      },
    },
  };
}

const messages: Record<number, string> = {
  401: "Not Authorized",
  403: "Forbidden",
  404: "Not Found",
  429: "You have made too many requests recently. Please, be chill.",
  500: "Server Error",
};

registerSimulator(
  "asana",
  (req) => matchRoute(req, { "POST /api/1.0/tasks": () => createTask(req) }, () => asanaError(404, "No matching route for request")),
  (status, message) => asanaError(status, messages[status] ? `${messages[status]} (${message})` : message),
);
