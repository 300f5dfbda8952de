/**
 * Test support for the provider simulators (sandbox/simulators-*.test.ts): run a provider's real
 * action as a test execution's step and read back, from `sandbox_requests` (real PostgreSQL), what
 * the simulator was sent and answered. Nothing of ours is replaced: `callProvider` hands the call
 * to the simulator and records the exchange; these helpers only read that record.
 */
import type { Harness } from "../../../testing/harness";
import { ActionFailed, invokeAction } from "../actions";
import type { SandboxAnswer, SandboxRequest } from "../sandbox";

/** A row of `sandbox_requests`: what the sandbox recorded of one provider call. */
interface Recorded {
  provider: string;
  action: string;
  method: string;
  host: string;
  path: string;
  request_headers: Record<string, string>;
  request_body: unknown;
  status: number;
  answer: unknown;
  answer_headers: Record<string, string> | null;
}

/** One provider call the sandbox recorded: the request as the simulator saw it, and its answer. */
export interface RecordedCall {
  request: SandboxRequest;
  answer: SandboxAnswer;
}

/** What the sandbox recorded for `stepId` of `workspaceId`, in the order the calls were made (each is its own transaction). */
export async function recordedCalls(h: Harness, workspaceId: string, stepId: string): Promise<RecordedCall[]> {
  const rows = await h.owner<Recorded[]>`
    select provider, action, method, host, path, request_headers, request_body, status, answer, answer_headers
    from sandbox_requests where workspace_id = ${workspaceId} and step_id = ${stepId} order by xmin::text::bigint`;
  return rows.map((r) => ({
    request: {
      provider: r.provider,
      action: r.action,
      method: r.method,
      url: new URL(`https://${r.host}${r.path}`),
      headers: new Headers(r.request_headers),
      body: r.request_body,
    },
    answer: { status: r.status, body: r.answer, ...(r.answer_headers ? { headers: r.answer_headers } : {}) },
  }));
}

/** A step run in the sandbox: its main call (the last one it sent), the calls before it, and the step's outcome. */
export interface SandboxRun extends RecordedCall {
  /** requests sent before the main one (an `authorize`'s token request) */
  side: SandboxRequest[];
  output?: unknown;
  error?: ActionFailed;
}

/**
 * Runs `provider.action` with `input` as step `stepId` of a test execution in `workspaceId` (the
 * workspace's own connection) and answers what the sandbox recorded. A failed action is the
 * answer's `error`, any other throw propagates; a step that sent nothing to the sandbox throws.
 */
export async function runInSandbox(
  h: Harness,
  workspaceId: string,
  stepId: string,
  provider: string,
  action: string,
  input: Record<string, unknown>,
): Promise<SandboxRun> {
  const ctx = {
    workspaceId,
    stepId,
    endUserId: null,
    idempotencyKey: `exec-${Math.random().toString(36).slice(2)}:${stepId}`,
    signal: new AbortController().signal,
    test: true,
    connection: { owner: "workspace" as const },
  };
  let output: unknown;
  let error: ActionFailed | undefined;
  try {
    output = await invokeAction({ id: stepId, provider, action }, input, ctx, {});
  } catch (e) {
    if (!(e instanceof ActionFailed)) throw e;
    error = e;
  }
  const calls = await recordedCalls(h, workspaceId, stepId);
  const call = calls.at(-1);
  if (!call) throw new Error(`${provider}.${action} sent nothing to the sandbox (${error?.message})`);
  return { ...call, side: calls.slice(0, -1).map((c) => c.request), output, error };
}

/** The same request with another body, headers (null removes one) and/or URL: a case the action's own input schema would stop. */
export function variantOf(r: SandboxRequest, change: { body?: unknown; headers?: Record<string, string | null>; url?: string }): SandboxRequest {
  const headers = new Headers(r.headers);
  for (const [k, v] of Object.entries(change.headers ?? {})) {
    if (v === null) headers.delete(k);
    else headers.set(k, v);
  }
  return { ...r, headers, url: change.url ? new URL(change.url) : r.url, body: "body" in change ? change.body : r.body };
}
