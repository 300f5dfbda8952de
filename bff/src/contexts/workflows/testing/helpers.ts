/** Test helpers: create workflows through the API and drive executions with the real job runner. */
import { expect } from "vitest";

// any workflows test file may run another's steps (one shared queue): all of them allow the
// local receivers (core.webhook_send in builtins.test.ts) through the SSRF guard
process.env.NH_OUTBOUND_ALLOWLIST ??= "127.0.0.1/32";
import { openHarness, type Harness } from "../../../testing/harness";
import { signUpWorkspace, type FreshWorkspace } from "../../../testing/fixtures";
import { registerTestActions, startSink, useSink, type Sink } from "./sink";

export async function createWorkflow(
  h: Harness,
  workspaceId: string,
  token: string,
  def: Record<string, unknown>,
): Promise<{ id: string; version: number; webhook_url: string | null }> {
  const res = await h.call("POST", `/api/v1/workspaces/${workspaceId}/workflows`, { token, body: def });
  const text = await res.text();
  expect({ status: res.status, text }).toMatchObject({ status: 201 });
  return JSON.parse(text);
}

export interface ExecutionView {
  id: string;
  status: string;
  version: number;
  error: string | null;
  step_runs: {
    step_id: string;
    status: string;
    input: unknown;
    output: unknown;
    error: string | null;
    attempts: number;
    reused: boolean;
    started_at: string | null;
    finished_at: string | null;
    duration_ms: number | null;
  }[];
}

export async function getExecution(h: Harness, workspaceId: string, token: string, id: string): Promise<ExecutionView> {
  const res = await h.call("GET", `/api/v1/workspaces/${workspaceId}/executions/${id}`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as ExecutionView;
}

/** Runs due jobs until the execution ends (or `timeoutMs` passes); answers its final view. */
export async function settle(h: Harness, workspaceId: string, token: string, id: string, timeoutMs = 15_000): Promise<ExecutionView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await h.runJobs();
    const e = await getExecution(h, workspaceId, token, id);
    if (!["queued", "running"].includes(e.status) || Date.now() > until) return e;
    await new Promise((r) => setTimeout(r, 40));
  }
}

export const run = (e: ExecutionView, step: string) => e.step_runs.find((r) => r.step_id === step);

/** Triggers a webhook and answers the execution id (asserting 202). */
export async function fireWebhook(h: Harness, workspaceId: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  const res = await h.call("POST", `/webhooks/${workspaceId}/${path}`, { body, headers });
  const text = await res.text();
  expect({ status: res.status, text }).toMatchObject({ status: 202 });
  return (JSON.parse(text) as { execution_id: string }).execution_id;
}

export interface Testbed {
  h: Harness;
  ws: FreshWorkspace;
  sink: Sink;
  close: () => Promise<void>;
}

/** The harness, a fresh workspace, a local sink server and the test actions that call it. */
export async function openTestbed(name: string): Promise<Testbed> {
  const h = await openHarness();
  const sink = await startSink();
  useSink(sink.url);
  registerTestActions();
  const ws = await signUpWorkspace(h, name);
  return {
    h,
    ws,
    sink,
    close: async () => {
      await sink.close();
      await h.close();
    },
  };
}
