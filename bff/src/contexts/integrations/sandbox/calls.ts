/**
 * Test executions' provider calls (decision 020): the credentials a sandbox call carries, the
 * simulated exchange itself, and the record of what the sandbox received (`sandbox_requests`).
 */
import { and, desc, eq } from "drizzle-orm";
import type { Database, Tx } from "../../../db/client";
import { withWorkspace } from "../../../db/tenant";
import { after, PAGE_SIZE, pageOf } from "../../../lib/keyset";
import type { ProviderDefinition } from "../catalogue";
import type { Credentials } from "../connections";
import { sandboxRequests } from "../schema";
import { answerSandboxRequest, type SandboxAnswer, type SandboxRequest } from "./registry";

/** A stand-in value for a config field a sandbox connection was not given (URLs stay well-formed). */
const placeholder = (field: string): string =>
  /url$/.test(field) ? `https://${field.replace(/_url$/, "")}.sandbox.invalid` : `sandbox-${field.replace(/_/g, "-")}`;

/**
 * Credentials for a sandbox call: never a stored secret (no real token reaches the simulator, nor
 * anything else), the connection's config when one exists, and stand-ins for every field the
 * provider's base URL names (`{subdomain}`, `{instance_url}` …) so its real paths are built.
 */
export function sandboxCredentials(def: ProviderDefinition, stored: Partial<Credentials> | null): Credentials {
  const config: Record<string, string> = {};
  for (const [, f] of def.baseUrl.matchAll(/\{(\w+)\}/g)) config[f!] = placeholder(f!);
  for (const f of def.configFields ?? []) config[f] = placeholder(f);
  Object.assign(config, stored?.config ?? {});
  const secret = def.auth.kind === "oauth2" ? "sandbox-access-token" : JSON.stringify(Object.fromEntries(def.auth.fields.map((f) => [f, `sandbox-${f}`])));
  return { connectionId: stored?.connectionId ?? "sandbox", secret, config, sandbox: true };
}

/** The provider's real base URL (never the per-environment override) with the connection's config filled in. */
export function sandboxBaseUrl(def: ProviderDefinition, config: Record<string, string>): string {
  return def.baseUrl.replace(/\{(\w+)\}/g, (_, f: string) => config[f] ?? placeholder(f)).replace(/\/$/, "");
}

export interface SandboxCall {
  workspaceId: string;
  executionId?: string | null;
  stepId?: string | null;
  /** whose connection: `workspace` or `end_user:<id>` */
  connection: string;
  request: SandboxRequest;
  config?: Record<string, string>;
}

/**
 * Answers one provider call from the simulator and records it (one row, its own transaction, so
 * a failed step still shows what it sent): host, path, request headers and body, the simulator's
 * status, body and own headers. Answers the simulator's status, headers and body text. The
 * recorded headers are not served by `listSandboxRequests` (they hold the call's authorisation).
 */
export async function exchangeWithSandbox(db: Database, call: SandboxCall): Promise<{ status: number; headers: Headers; text: string }> {
  const answer: SandboxAnswer = await answerSandboxRequest(call.request, call.config);
  const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? null);
  const headers = new Headers({ "content-type": typeof answer.body === "string" ? "text/plain" : "application/json", ...answer.headers });
  const r = call.request;
  await withWorkspace(db, call.workspaceId, (tx) =>
    tx.insert(sandboxRequests).values({
      workspaceId: call.workspaceId,
      executionId: call.executionId ?? null,
      stepId: call.stepId ?? null,
      provider: r.provider,
      action: r.action,
      connection: call.connection,
      method: r.method,
      host: r.url.host,
      path: `${r.url.pathname}${r.url.search}`,
      requestHeaders: Object.fromEntries(r.headers),
      requestBody: (r.body ?? null) as object,
      status: answer.status,
      answer: (answer.body ?? null) as object,
      answerHeaders: answer.headers ?? null,
    }),
  );
  return { status: answer.status, headers, text };
}

type Row = typeof sandboxRequests.$inferSelect;
// request_headers/answer_headers stay out of the view: the headers carry the call's authorisation
const toView = (r: Row) => ({
  id: r.id,
  execution_id: r.executionId,
  step_id: r.stepId,
  provider: r.provider,
  action: r.action,
  connection: r.connection,
  method: r.method,
  path: r.path,
  request_body: r.requestBody ?? null,
  status: r.status,
  answer: r.answer ?? null,
  created_at: r.createdAt.toISOString(),
});

/** What the sandbox received in the transaction's workspace, newest first, one keyset page (filters: execution, provider). */
export async function listSandboxRequests(tx: Tx, workspaceId: string, f: { execution_id?: string; provider?: string; cursor?: string }) {
  const rows = await tx
    .select()
    .from(sandboxRequests)
    .where(
      and(
        eq(sandboxRequests.workspaceId, workspaceId),
        f.execution_id ? eq(sandboxRequests.executionId, f.execution_id) : undefined,
        f.provider ? eq(sandboxRequests.provider, f.provider) : undefined,
        after(sandboxRequests.createdAt, sandboxRequests.id, f.cursor),
      ),
    )
    .orderBy(desc(sandboxRequests.createdAt), desc(sandboxRequests.id))
    .limit(PAGE_SIZE + 1);
  return pageOf(rows, PAGE_SIZE, (r) => r.createdAt, toView);
}
