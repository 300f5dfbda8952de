/**
 * Workflow routes under `/api/v1/workspaces/{workspace_id}`: workflows (list, create, get, save
 * draft, validate, publish, disable/enable, delete, run, the editor's test data and pinned sample
 * payload), versions (list, compare, rollback), executions (list, get with step runs, re-run,
 * bulk re-run, cancel) and the action palette.
 * Callers: a developer session or an API key with the `workflows` scope; `GET /client/executions`
 * is the signed-in end user's own executions (client portal).
 */
import { Hono } from "hono";
import { workflowTemplateRoutes } from "./template-routes";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { pinSamplePayloadSchema } from "@nhood/contracts/workflow-test-data";
import { createWorkflowSchema, executionFilterSchema, rerunSchema, workflowDefinitionSchema, type WorkflowDefinition } from "@nhood/contracts";
import type { AppContext, AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { after, pageOf, PAGE_SIZE } from "../../lib/keyset";
import { ValidationFailed } from "../../lib/errors";
import { config } from "../../config";
import { DEVELOPER_ROLES, requireEndUser, requireWorkspace } from "../identity";
import { listActions, providerTakesConnection, workspaceConnectedProviders } from "../integrations";
import { connectionWarnings } from "./engine/connection";
import { workflows } from "./schema";
import * as svc from "./service";
import * as runs from "./executions";
import * as testData from "./test-data";
import { validateDefinition } from "./engine/validate";
import { BUILTIN_PROVIDERS } from "./engine/builtins";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs";
import * as testDataDocs from "./route-docs-test-data";

const wsParam = z.object({ workspace_id: z.string() });
const wfParam = wsParam.extend({ id: z.uuid() });
const cursorQuery = z.object({ cursor: z.string().max(200).optional() });
const compareQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
const rollbackBody = z.object({ version: z.number().int().min(1) });
/** `payload` omitted: the run takes the workflow's pinned sample payload, else `{}` */
const runBody = z.object({ payload: z.record(z.string(), z.unknown()).optional() });

const schemaCache = new WeakMap<z.ZodType, Record<string, unknown> | undefined>();
/**
 * An action's `input` zod schema as JSON Schema (draft 2020-12, input side, so defaults are
 * optional) for the editor's generated form; parts JSON Schema cannot express become `{}`
 * (any). Undefined when the schema cannot be converted at all (the editor falls back to free fields).
 */
function inputJsonSchema(input: z.ZodType): Record<string, unknown> | undefined {
  if (!schemaCache.has(input)) {
    let out: Record<string, unknown> | undefined;
    try {
      out = z.toJSONSchema(input, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
    } catch {
      out = undefined;
    }
    schemaCache.set(input, out);
  }
  return schemaCache.get(input);
}

/** Parses a stored draft; a draft saved by an older shape fails as a publish error. */
function parseDraft(d: unknown): WorkflowDefinition {
  const r = workflowDefinitionSchema.safeParse(d);
  if (!r.success) throw new ValidationFailed(r.error.issues.map((i) => ({ pointer: `#/${i.path.join("/")}`, detail: i.message })));
  return r.data;
}

function detail(wf: svc.Workflow, live: WorkflowDefinition | null) {
  const draft = (wf.draft ?? live ?? {}) as Record<string, unknown>;
  return {
    id: wf.id,
    name: wf.name,
    status: wf.status,
    version: wf.version,
    trigger: (live?.trigger ?? (draft.trigger as Record<string, unknown>) ?? {}) as Record<string, unknown>,
    definition: live as unknown as Record<string, unknown> | null,
    draft,
    has_unpublished_changes: wf.draftChanged,
    webhook_url: wf.webhookPath ? `${config.publicUrl}/webhooks/${wf.workspaceId}/${wf.webhookPath}` : null,
    created_at: wf.createdAt.toISOString(),
    updated_at: wf.updatedAt.toISOString(),
  };
}

export function workflowsRoutes(deps: Deps) {
  const access = (c: AppContext, id: string) => requireWorkspace(deps, c, id, { roles: DEVELOPER_ROLES, scope: "workflows" });
  const inWs = async <T>(c: AppContext, fn: (tx: Parameters<Parameters<typeof withWorkspace>[2]>[0], ws: string) => Promise<T>) => {
    const a = await access(c, c.req.param("workspace_id")!);
    return withWorkspace(deps.db, a.workspaceId, (tx) => fn(tx, a.workspaceId));
  };
  const show = async (tx: Parameters<Parameters<typeof withWorkspace>[2]>[0], wf: svc.Workflow) =>
    detail(wf, wf.version ? await svc.versionDefinition(tx, wf.id, wf.version) : null);
  const base = "/workspaces/:workspace_id";
  /** A published definition's answer with its publish-time warnings (a provider the workspace has not connected). */
  const published = async (tx: Parameters<Parameters<typeof withWorkspace>[2]>[0], ws: string, wf: svc.Workflow) => {
    const d = await show(tx, wf);
    if (!d.definition) return d;
    return {
      ...d,
      warnings: connectionWarnings(d.definition as unknown as WorkflowDefinition, providerTakesConnection, await workspaceConnectedProviders(tx, ws)),
    };
  };

  return new Hono<AppEnv>()
    .route("/", workflowTemplateRoutes(deps))
    .get(`${base}/workflows`, describeRoute(docs.listWorkflows), validate("param", wsParam), validate("query", cursorQuery), async (c) => {
      const a = await access(c, c.req.valid("param").workspace_id);
      const rows = await withWorkspace(deps.db, a.workspaceId, (tx) =>
        tx
          .select()
          .from(workflows)
          .where(and(eq(workflows.workspaceId, a.workspaceId), after(workflows.updatedAt, workflows.id, c.req.valid("query").cursor)))
          .orderBy(desc(workflows.updatedAt), desc(workflows.id))
          .limit(PAGE_SIZE + 1),
      );
      return c.json(
        pageOf(
          rows,
          PAGE_SIZE,
          (r) => r.updatedAt,
          (r) => ({ id: r.id, name: r.name, status: r.status, version: r.version, updated_at: r.updatedAt.toISOString() }),
        ),
      );
    })
    .post(`${base}/workflows`, describeRoute(docs.createWorkflow), validate("param", wsParam), validate("json", createWorkflowSchema), async (c) => {
      const { draft, ...def } = c.req.valid("json");
      return c.json(await inWs(c, async (tx, ws) => published(tx, ws, await svc.createWorkflow(tx, ws, def, { draft }))), 201);
    })
    .get(`${base}/workflows/:id`, describeRoute(docs.getWorkflow), validate("param", wfParam), async (c) =>
      c.json(await inWs(c, async (tx, ws) => show(tx, await svc.getWorkflow(tx, ws, c.req.valid("param").id)))),
    )
    .put(`${base}/workflows/:id`, describeRoute(docs.saveWorkflowDraft), validate("param", wfParam), validate("json", workflowDefinitionSchema), async (c) =>
      c.json(await inWs(c, async (tx, ws) => show(tx, await svc.saveDraft(tx, ws, c.req.valid("param").id, c.req.valid("json"))))),
    )
    .post(
      `${base}/workflows/validate`,
      describeRoute(docs.validateWorkflow),
      validate("param", wsParam),
      validate("json", workflowDefinitionSchema),
      async (c) => {
        const def = c.req.valid("json");
        return c.json(
          await inWs(c, async (tx, ws) => ({
            errors: validateDefinition(def),
            warnings: connectionWarnings(def, providerTakesConnection, await workspaceConnectedProviders(tx, ws)),
          })),
        );
      },
    )
    .post(`${base}/workflows/:id/publish`, describeRoute(docs.publishWorkflow), validate("param", wfParam), async (c) =>
      c.json(await inWs(c, async (tx, ws) => published(tx, ws, await svc.publishDraft(tx, ws, c.req.valid("param").id, parseDraft)))),
    )
    .post(`${base}/workflows/:id/disable`, describeRoute(docs.disableWorkflow), validate("param", wfParam), async (c) =>
      c.json(await inWs(c, async (tx, ws) => show(tx, await svc.setEnabled(tx, ws, c.req.valid("param").id, false)))),
    )
    .post(`${base}/workflows/:id/enable`, describeRoute(docs.enableWorkflow), validate("param", wfParam), async (c) =>
      c.json(await inWs(c, async (tx, ws) => show(tx, await svc.setEnabled(tx, ws, c.req.valid("param").id, true)))),
    )
    .delete(`${base}/workflows/:id`, describeRoute(docs.deleteWorkflow), validate("param", wfParam), async (c) => {
      await inWs(c, (tx, ws) => svc.deleteWorkflow(tx, ws, c.req.valid("param").id));
      return c.body(null, 204);
    })
    .post(`${base}/workflows/:id/run`, describeRoute(docs.runWorkflow), validate("param", wfParam), validate("json", runBody), async (c) => {
      const p = c.get("principal");
      const r = await inWs(c, (tx, ws) => runs.runNow(tx, ws, c.req.valid("param").id, c.req.valid("json").payload, p.kind === "api_key" && p.mode === "test"));
      return c.json({ execution_id: r.id }, 202);
    })
    .get(`${base}/workflows/:id/test-data`, describeRoute(testDataDocs.getWorkflowTestData), validate("param", wfParam), async (c) =>
      c.json(await inWs(c, (tx, ws) => testData.getTestData(tx, ws, c.req.valid("param").id))),
    )
    .put(
      `${base}/workflows/:id/sample-payload`,
      describeRoute(testDataDocs.pinSamplePayload),
      validate("param", wfParam),
      validate("json", pinSamplePayloadSchema),
      async (c) => c.json(await inWs(c, (tx, ws) => testData.pinSamplePayload(tx, ws, c.req.valid("param").id, c.req.valid("json").payload))),
    )
    .post(`${base}/workflows/:id/rerun-failed`, describeRoute(docs.rerunFailedExecutions), validate("param", wfParam), async (c) =>
      c.json({ execution_ids: await inWs(c, (tx, ws) => runs.rerunFailed(tx, ws, c.req.valid("param").id)) }, 202),
    )
    .get(`${base}/workflows/:id/versions`, describeRoute(docs.listWorkflowVersions), validate("param", wfParam), async (c) =>
      c.json({ items: await inWs(c, (tx, ws) => svc.listVersions(tx, ws, c.req.valid("param").id)) }),
    )
    .get(
      `${base}/workflows/:id/versions/compare`,
      describeRoute(docs.compareWorkflowVersions),
      validate("param", wfParam),
      validate("query", compareQuery),
      async (c) => {
        const q = c.req.valid("query");
        return c.json(await inWs(c, (tx, ws) => svc.compareVersions(tx, ws, c.req.valid("param").id, q.from, q.to)));
      },
    )
    .post(`${base}/workflows/:id/rollback`, describeRoute(docs.rollbackWorkflow), validate("param", wfParam), validate("json", rollbackBody), async (c) =>
      c.json(await inWs(c, async (tx, ws) => show(tx, await svc.rollback(tx, ws, c.req.valid("param").id, c.req.valid("json").version)))),
    )
    .get(`${base}/executions`, describeRoute(docs.listExecutions), validate("param", wsParam), validate("query", executionFilterSchema), async (c) =>
      c.json(await inWs(c, (tx, ws) => runs.listExecutions(tx, ws, c.req.valid("query")))),
    )
    .get(`${base}/executions/:id`, describeRoute(docs.getExecution), validate("param", wfParam), async (c) =>
      c.json(await inWs(c, (tx, ws) => runs.getExecution(tx, ws, c.req.valid("param").id))),
    )
    .post(`${base}/executions/:id/rerun`, describeRoute(docs.rerunExecution), validate("param", wfParam), validate("json", rerunSchema), async (c) => {
      const r = await inWs(c, (tx, ws) => runs.rerunExecution(tx, ws, c.req.valid("param").id, c.req.valid("json")));
      return c.json({ execution_id: r.id }, 202);
    })
    .post(`${base}/executions/:id/cancel`, describeRoute(docs.cancelExecution), validate("param", wfParam), async (c) => {
      await inWs(c, (tx, ws) => runs.cancelExecution(tx, ws, c.req.valid("param").id));
      return c.body(null, 204);
    })
    .get("/client/executions", describeRoute(docs.listMyExecutions), async (c) => {
      const p = await requireEndUser(deps, c);
      return c.json(await withWorkspace(deps.db, p.workspaceId, (tx) => runs.listMyExecutions(tx, p.workspaceId, p.endUserId)));
    })
    .get(`${base}/workflow-actions`, describeRoute(docs.listWorkflowActions), validate("param", wsParam), async (c) => {
      await access(c, c.req.valid("param").workspace_id);
      const items = listActions()
        .map((a) => ({
          provider: a.provider,
          action: a.action,
          title: a.title,
          builtin: BUILTIN_PROVIDERS.has(a.provider),
          input_schema: inputJsonSchema(a.input),
        }))
        .sort((a, b) => Number(b.builtin) - Number(a.builtin) || `${a.provider}.${a.action}`.localeCompare(`${b.provider}.${b.action}`));
      return c.json({ items });
    });
}
