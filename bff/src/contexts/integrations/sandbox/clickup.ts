/**
 * ClickUp API v2 simulator: create a task, `POST /api/v2/list/{list_id}/task` with `{name,
 * description?, priority? (1 urgent … 4 low), status?, due_date? (ms), tags?, assignees?}`
 * (https://developer.clickup.com/reference/createtask). The token goes in `Authorization` as is (a
 * personal `pk_…` token) or as `Bearer <OAuth token>`. Success: 200 with the task (short
 * alphanumeric `id`, millisecond-epoch strings for dates, `priority` as `{id, priority, color}`,
 * `url` on app.clickup.com). Errors: `{err, ECODE}` (https://developer.clickup.com/docs/common_errors):
 * 401 `OAUTH_017` without an Authorization header, 400 `INPUT_005` for a missing task name, 429
 * when rate limited. The ECODEs of errors on demand other than `OAUTH_*` are stand-ins.
 */
import { randomBytes } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const clickupError = (status: number, err: string, ECODE: string): SandboxAnswer => ({ status, body: { err, ECODE } });

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const PRIORITIES: Record<number, { priority: string; color: string }> = {
  1: { priority: "urgent", color: "#f50000" },
  2: { priority: "high", color: "#ffcc00" },
  3: { priority: "normal", color: "#6fddff" },
  4: { priority: "low", color: "#d8d8d8" },
};
const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const taskId = () => `86${[...randomBytes(7)].map((b) => ALPHABET[b % ALPHABET.length]).join("")}`;

function createTask(req: SandboxRequest, listId: string): SandboxAnswer {
  const auth = (req.headers.get("authorization") ?? "").trim();
  if (!auth) return clickupError(401, "Authorization header required", "OAUTH_017");
  if (/^Bearer$/i.test(auth)) return clickupError(401, "Token invalid", "OAUTH_025");
  const b = isObject(req.body) ? req.body : {};
  if (typeof b.name !== "string" || !b.name.trim()) return clickupError(400, "Task name invalid", "INPUT_005");
  const id = taskId();
  const now = String(Date.now());
  const p = PRIORITIES[Number(b.priority)] ? Number(b.priority) : null;
  const description = typeof b.description === "string" ? b.description : "";
  return {
    status: 200,
    body: {
      id,
      custom_id: null,
      name: b.name,
      text_content: description,
      description,
      status: { status: typeof b.status === "string" ? b.status : "to do", color: "#d3d3d3", orderindex: 0, type: "open" },
      orderindex: "1.00000000000000000000000000000000",
      date_created: now,
      date_updated: now,
      date_closed: null,
      date_done: null,
      archived: false,
      creator: { id: 183, username: "Sandbox User", color: "#827718", email: "sandbox@clickup.invalid", profilePicture: null },
      assignees: [],
      watchers: [],
      checklists: [],
      tags: Array.isArray(b.tags) ? b.tags.map((name) => ({ name: String(name), tag_fg: "#000000", tag_bg: "#ffffff" })) : [],
      parent: null,
      priority: p ? { id: String(p), priority: PRIORITIES[p]!.priority, color: PRIORITIES[p]!.color, orderindex: String(p) } : null,
      due_date: b.due_date !== undefined && b.due_date !== null ? String(b.due_date) : null,
      start_date: null,
      points: null,
      time_estimate: null,
      custom_fields: [],
      dependencies: [],
      linked_tasks: [],
      list: { id: listId, name: "Sandbox list", access: true },
      project: { id: "90110000001", name: "hidden", hidden: true, access: true },
      folder: { id: "90110000001", name: "hidden", hidden: true, access: true },
      space: { id: "90110000002" },
      url: `https://app.clickup.com/t/${id}`,
    },
  };
}

const codes: Record<number, [string, string]> = {
  400: ["Bad request", "INPUT_005"],
  401: ["Token invalid", "OAUTH_025"],
  403: ["Team not authorized", "OAUTH_027"],
  404: ["List not found", "ITEM_013"],
  429: ["Rate limit reached", "APP_002"],
  500: ["Internal server error", "APP_001"],
};

registerSimulator(
  "clickup",
  (req) => matchRoute(req, { "POST /api/v2/list/:list/task": (p) => createTask(req, p.list!) }, () => clickupError(404, "Route not found", "APP_001")),
  (status, message) => {
    const [err, code] = codes[status] ?? [message, status >= 500 ? "APP_001" : "INPUT_005"];
    return clickupError(status, `${err} (${message})`, code);
  },
);
