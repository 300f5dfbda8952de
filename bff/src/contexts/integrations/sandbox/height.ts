/**
 * Height API simulator: create a task, `POST https://api.height.app/tasks` with `{name, listIds,
 * description?}` (https://height.notion.site/API-documentation, "Create a task"); authorisation
 * `Authorization: api-key <secret>`. Success: 200 with the task object (`id` a UUID v4,
 * `model: "task"`, workspace-wide `index` (random here), `listIds`, `name`, `description`, `status: "backLog"`,
 * `url`, ISO dates). Height documents its errors by HTTP status (401 bad key, 400 invalid
 * body, 404 unknown list, 429 past 60 task creations a minute) without a body schema; the
 * simulator answers them as `{error: {message}}`.
 */
import { randomInt, randomUUID } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const heightError = (status: number, message: string) => ({ status, body: { error: { message } } });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function createTask(req: SandboxRequest) {
  if (!/^api-key\s+\S+/i.test(req.headers.get("authorization") ?? "")) return heightError(401, "Unauthorized: invalid or missing API key");
  const b = (req.body && typeof req.body === "object" && !Array.isArray(req.body) ? req.body : {}) as Record<string, unknown>;
  if (typeof b.name !== "string" || !b.name.trim()) return heightError(400, "name is required");
  if (!Array.isArray(b.listIds) || b.listIds.length === 0) return heightError(400, "listIds is required and must contain at least one list id");
  const unknown = b.listIds.find((l) => typeof l !== "string" || !UUID.test(l));
  if (unknown !== undefined) return heightError(404, `List not found: ${String(unknown)}`);
  if (b.description !== undefined && typeof b.description !== "string") return heightError(400, "description must be a string");
  const now = new Date().toISOString();
  // no shared counter: another workspace's test run must not move this one's task numbers
  const n = randomInt(1, 100_000);
  return {
    status: 200,
    body: {
      id: randomUUID(),
      model: "task",
      index: n,
      listIds: b.listIds,
      name: b.name,
      description: typeof b.description === "string" ? b.description : "",
      status: "backLog",
      assigneesIds: [],
      parentTaskId: null,
      fields: [],
      deleted: false,
      completed: false,
      createdAt: now,
      createdUserId: "00000000-0000-4000-8000-0000000000aa",
      lastActivityAt: now,
      url: `https://height.app/sandbox/T-${n}`,
      trashedAt: null,
    },
  };
}

registerSimulator(
  "height",
  (req) => matchRoute(req, { "POST /tasks": () => createTask(req) }, () => heightError(404, "Not found")),
  (status, message) => heightError(status, message),
);
