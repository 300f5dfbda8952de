/**
 * The task registry: each bounded context registers its graphile-worker tasks here (in its own
 * `tasks.ts`, imported by `contexts/tasks.ts`), and the runner runs them all. Task names are
 * dotted: `<context>.<what>`, e.g. `workflows.run_execution`.
 */
import type { Task } from "graphile-worker";
import type { Database } from "../db/client";

export type TaskFactory = (db: Database) => Task;
const tasks = new Map<string, TaskFactory>();

export function registerTask(name: string, factory: TaskFactory): void {
  if (tasks.has(name)) throw new Error(`task ${name} is registered twice`);
  tasks.set(name, factory);
}

export function registeredTasks(): ReadonlyMap<string, TaskFactory> {
  return tasks;
}
