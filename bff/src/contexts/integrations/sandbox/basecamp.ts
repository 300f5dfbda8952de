/**
 * Basecamp 4 (bc3) API simulator: create a to-do,
 * `POST /{account_id}/buckets/{project_id}/todolists/{todolist_id}/todos.json` with `{content,
 * description?, assignee_ids?, due_on?, starts_on?, notify?}`
 * (https://github.com/basecamp/bc3-api/blob/master/sections/todos.md#create-a-to-do).
 * Success: 201 with the to-do (urls on 3.basecampapi.com, `app_url` on 3.basecamp.com). Errors are
 * the status with a small JSON `{status, error}` (https://github.com/basecamp/bc3-api#error-responses):
 * 401 for a missing or invalid OAuth token, 404 for an unknown bucket or list, 422 when the to-do is
 * invalid (`content` blank), 429 with `Retry-After`, 507 when the account is out of storage.
 */
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const reasons: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  507: "Insufficient Storage",
};
const bcError = (status: number, error = reasons[status] ?? "Error"): SandboxAnswer => ({ status, body: { status, error } });

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

let seq = 0;

function createTodo(req: SandboxRequest, account: string, bucket: string, list: string): SandboxAnswer {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? "")) return bcError(401, "OAuth token could not be verified");
  if (!/^\d+$/.test(bucket) || !/^\d+$/.test(list)) return bcError(404);
  const b = isObject(req.body) ? req.body : {};
  if (typeof b.content !== "string" || !b.content.trim()) return bcError(422, "Content can't be blank");
  for (const f of ["due_on", "starts_on"] as const)
    if (b[f] !== undefined && b[f] !== null && !DATE.test(String(b[f]))) return bcError(422, `${f === "due_on" ? "Due on" : "Starts on"} is not a valid date`);
  if (b.assignee_ids !== undefined && !(Array.isArray(b.assignee_ids) && b.assignee_ids.every((i) => Number.isInteger(i))))
    return bcError(422, "Assignee ids must be an array of people ids");
  const id = 1_069_480_000 + ++seq;
  const now = new Date().toISOString();
  const api = `https://3.basecampapi.com/${account}/buckets/${bucket}`;
  const app = `https://3.basecamp.com/${account}/buckets/${bucket}`;
  const creator = {
    id: 1_049_715_913,
    attachable_sgid: "BAh7sandbox",
    name: "Sandbox Person",
    email_address: "sandbox@basecamp.invalid",
    personable_type: "User",
  };
  return {
    status: 201,
    body: {
      id,
      status: "active",
      visible_to_clients: false,
      created_at: now,
      updated_at: now,
      title: b.content,
      inherits_status: true,
      type: "Todo",
      url: `${api}/todos/${id}.json`,
      app_url: `${app}/todos/${id}`,
      bookmark_url: `https://3.basecampapi.com/${account}/my/bookmarks/BAh7sandbox${id}.json`,
      subscription_url: `${api}/recordings/${id}/subscription.json`,
      comments_count: 0,
      comments_url: `${api}/recordings/${id}/comments.json`,
      position: 1,
      parent: { id: Number(list), title: "To-dos", type: "Todolist", url: `${api}/todolists/${list}.json`, app_url: `${app}/todolists/${list}` },
      bucket: { id: Number(bucket), name: "Sandbox project", type: "Project" },
      creator,
      description: typeof b.description === "string" ? b.description : "",
      completed: false,
      content: b.content,
      starts_on: b.starts_on ?? null,
      due_on: b.due_on ?? null,
      assignees: [],
      completion_subscribers: [],
      completion_url: `${api}/todos/${id}/completion.json`,
    },
  };
}

registerSimulator(
  "basecamp",
  (req) =>
    matchRoute(req, { "POST /:account/buckets/:bucket/todolists/:list/todos.json": (p) => createTodo(req, p.account!, p.bucket!, p.list!) }, () =>
      bcError(404),
    ),
  (status, message) => bcError(status, `${reasons[status] ?? "Error"} (${message})`),
);
