/**
 * Test mode, workspace connections and the provider sandbox (issue #14, decision 020): a separate
 * entry point (`@nhood/contracts/test-mode`), outside the package index, so the shell's budgeted
 * initial bundle (which carries the index) does not grow with screens only the developer portal has.
 */
import { z } from "zod";
import { connectionDetailSchema } from "./integrations";
import { page } from "./lists";

/**
 * A workspace's Test mode switch: while on, every execution it starts is a test execution whose
 * provider calls go to the built-in sandbox (docs/decisions/020-test-mode-and-sandbox.md).
 */
export const testModeSchema = z.object({ test_mode: z.boolean() }).meta({ id: "TestMode" });
export type TestMode = z.infer<typeof testModeSchema>;

/**
 * A workspace connection: the workspace's own connection to a provider (no end user), used by
 * provider steps that choose `connection: "workspace"` or run with no end user. `sandbox`: a test
 * mode connection made with one click (no OAuth); its calls only ever reach the sandbox.
 */
export const workspaceConnectionSchema = connectionDetailSchema.extend({ sandbox: z.boolean() }).meta({ id: "WorkspaceConnection" });
export type WorkspaceConnection = z.infer<typeof workspaceConnectionSchema>;
export const workspaceConnectionListSchema = z.object({ items: z.array(workspaceConnectionSchema) });

/**
 * `POST /workspaces/{id}/connections`: connect a provider as the workspace. `sandbox: true` makes a
 * sandbox connection (no credentials; test mode only); otherwise `credentials` are the API-key
 * provider's fields (OAuth providers connect with `POST …/connections/{provider}/authorize`).
 */
export const createWorkspaceConnectionRequestSchema = z.object({
  provider: z.string().min(1).max(100),
  sandbox: z.boolean().default(false),
  credentials: z.record(z.string(), z.string().max(4000)).optional(),
  config: z.record(z.string(), z.string().max(2000)).optional(),
});
export type CreateWorkspaceConnectionRequest = z.input<typeof createWorkspaceConnectionRequestSchema>;

/** What the provider sandbox received: one simulated provider call of a test execution. */
export const sandboxRequestSchema = z
  .object({
    id: z.uuid(),
    execution_id: z.uuid().nullable(),
    step_id: z.string().nullable(),
    provider: z.string(),
    action: z.string(),
    /** whose connection the call used: `workspace` or `end_user:<id>` */
    connection: z.string(),
    method: z.string(),
    path: z.string(),
    request_body: z.unknown().nullable(),
    status: z.number().int(),
    answer: z.unknown().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "SandboxRequest" });
export type SandboxRequestView = z.infer<typeof sandboxRequestSchema>;
/** `GET /workspaces/{id}/sandbox/requests`: one keyset page, newest first. */
export const sandboxRequestPageSchema = page(sandboxRequestSchema);
export const sandboxRequestFilterSchema = z.object({
  execution_id: z.uuid().optional(),
  provider: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
});
