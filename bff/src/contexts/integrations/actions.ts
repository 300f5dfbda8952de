/**
 * The provider-action registry: the seam between the workflow engine (which runs steps) and the
 * integrations context (which knows providers, connections and tokens).
 *
 * Each provider folder under `providers/` registers its actions with `registerAction`; the
 * engine calls `invokeAction` for a step `{provider, action, config}`. The integrations
 * context resolves the end user's connection (refreshing its token when near expiry), applies
 * the provider's base URL (overridable per environment for tests) and makes the real HTTP call.
 */
import type { z } from "zod";
import type { Tx } from "../../db/client";
import { withSpan } from "../../lib/tracing";

export interface ActionContext {
  workspaceId: string;
  /** the end user the execution runs for; null for workspace-level runs */
  endUserId: string | null;
  /** stable per step run attempt group: providers that support idempotency keys receive it */
  idempotencyKey: string;
  /** aborts when the step times out or the execution is cancelled */
  signal: AbortSignal;
  /**
   * Whose connection the provider call uses, as the engine resolved it (decision 020): the
   * workspace's own, or an end user's (our id or the workspace's external id). Absent: the end
   * user above when there is one, else the workspace's.
   */
  connection?: ConnectionOwner;
  /** a test execution: provider calls go to the sandbox (sandbox/), never to the network */
  test?: boolean;
  /** the execution and step the call belongs to (recorded with sandbox calls) */
  executionId?: string;
  stepId?: string;
  /** a test execution's step config asked the sandbox for this error status (`sandbox_fail`, registry.ts) */
  sandboxFail?: number;
}

/** Whose connection a provider call uses. */
export type ConnectionOwner = { owner: "workspace" } | { owner: "end_user"; endUserId: string };

/** The owner a call uses: `ctx.connection`, else the run's end user, else the workspace. */
export function connectionOwnerOf(ctx: Pick<ActionContext, "connection" | "endUserId">): ConnectionOwner {
  return ctx.connection ?? (ctx.endUserId ? { owner: "end_user", endUserId: ctx.endUserId } : { owner: "workspace" });
}

export interface ActionResult {
  /** JSON-serialisable output, available to later steps as `steps.<id>.output` */
  output: unknown;
}

/** One action of one provider, e.g. `slack.send_message`. */
export interface ActionDefinition<I extends z.ZodType = z.ZodType> {
  provider: string;
  action: string;
  title: string;
  /** validates the rendered `config` of a step before the call */
  input: I;
  /**
   * A minimal valid `config` for a step of this action (made-up ids in the provider's formats):
   * what the sandbox test sends every provider's simulator through the test-mode path
   * (sandbox/every-provider.test.ts), and a starting point for documentation.
   */
  example?: z.input<I>;
  /**
   * true for actions with no I/O and no side effect (`core.transform`): the engine runs them
   * inline in the transaction that schedules the execution, storing input and output at once
   */
  pure?: boolean;
  /** performs the real HTTP request; throws ActionFailed (retryable or not) on errors */
  run: (input: z.infer<I>, ctx: ActionContext & { tx?: Tx }) => Promise<ActionResult>;
}

/** A provider call failed. `retryable` false stops retries (e.g. 4xx validation errors). */
export class ActionFailed extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ActionFailed";
  }
}

/**
 * The signal of a call that nothing cancels and no timeout bounds: the engine's inline pure steps
 * (`pure` actions run in the scheduling transaction and do no I/O). `invokeAction` adds no
 * listener to it, so one shared signal serves every such call instead of an
 * `AbortSignal.timeout` per step.
 */
export const NEVER_ABORTED: AbortSignal = new AbortController().signal;

const registry = new Map<string, ActionDefinition>();

/** Registers `provider.action`; the engine validates the config with `input` before `run`. */
export function registerAction<I extends z.ZodType>(def: ActionDefinition<I>): void {
  const key = `${def.provider}.${def.action}`;
  if (registry.has(key)) throw new Error(`action ${key} is registered twice`);
  registry.set(key, def as unknown as ActionDefinition);
}

/** The action `provider.action`, or undefined when unknown. */
export function findAction(provider: string, action: string): ActionDefinition | undefined {
  return registry.get(`${provider}.${action}`);
}

export function listActions(): ActionDefinition[] {
  return [...registry.values()];
}

/**
 * Invokes `provider.action` — the one way the engine runs an action, inline or from an
 * execution's job. Validates `input` against the action's schema, then runs it inside the trace
 * span `step <stepId>` (attributes `trace`), rejecting with `ctx.signal`'s reason when it aborts
 * first. Throws ActionFailed (not retryable) for an unknown action or invalid input
 * (`invalid input at /<path>: <message>`), otherwise whatever the action throws. Answers its
 * output (null when it gave none).
 */
export async function invokeAction(
  step: { id: string; provider: string; action: string },
  input: unknown,
  ctx: ActionContext & { tx?: Tx },
  trace: Record<string, string | number>,
): Promise<unknown> {
  const def = findAction(step.provider, step.action);
  if (!def) throw new ActionFailed(`unknown action ${step.provider}.${step.action}`, false);
  // errors on demand (sandbox/registry.ts): `sandbox_fail` in a test step's config is for the sandbox, not the action
  if (input && typeof input === "object" && "sandbox_fail" in input) {
    const { sandbox_fail, ...rest } = input as Record<string, unknown>;
    input = rest;
    if (ctx.test && Number.isInteger(Number(sandbox_fail))) ctx = { ...ctx, sandboxFail: Number(sandbox_fail) };
  }
  const parsed = def.input.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new ActionFailed(`invalid input at /${i.path.join("/")}: ${i.message}`, false);
  }
  if (ctx.signal === NEVER_ABORTED) return (await withSpan(`step ${step.id}`, trace, () => def.run(parsed.data, ctx))).output ?? null;
  const aborted = new Promise<never>((_, reject) => {
    if (ctx.signal.aborted) reject(ctx.signal.reason);
    else ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason), { once: true });
  });
  aborted.catch(() => {}); // the race below observes it; an abort after the end is not an error
  const result = await withSpan(`step ${step.id}`, trace, () => Promise.race([def.run(parsed.data, ctx), aborted]));
  return result.output ?? null;
}
