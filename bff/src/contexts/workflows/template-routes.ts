/**
 * Workflow templates' routes (issue 16 part 1, decision 031): the list, and a new draft workflow
 * from one that the editor opens. Mounted by routes.ts.
 */
import { Hono } from "hono";
import { z } from "zod";
import { createdFromTemplateSchema, createFromTemplateRequestSchema, workflowTemplateListSchema } from "@nhood/contracts/onboarding";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { describeRoute } from "../../lib/describe";
import { withWorkspace } from "../../db/tenant";
import { ValidationFailed } from "../../lib/errors";
import { DEVELOPER_ROLES, requireUser, requireWorkspace } from "../identity";
import { createWorkflow } from "./service";
import { findTemplate, WORKFLOW_TEMPLATES } from "./templates";

const wsParam = z.object({ workspace_id: z.string() });

export function workflowTemplateRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get(
      "/workflow-templates",
      describeRoute({
        summary: "List workflow templates",
        tags: ["workflows"],
        operationId: "listWorkflowTemplates",
        security: "session",
        description:
          "Any signed-in person lists the workflow templates (the seeds' examples): each with a description, the providers its steps use and its full definition.",
        responses: {
          200: {
            description: "The templates",
            schema: workflowTemplateListSchema,
            example: { items: [WORKFLOW_TEMPLATES[0]] },
          },
        },
        errors: [401, 429],
      }),
      async (c) => {
        requireUser(c);
        return c.json({ items: WORKFLOW_TEMPLATES });
      },
    )
    .post(
      "/workspaces/:workspace_id/workflows/from-template",
      describeRoute({
        summary: "Create a workflow from a template",
        tags: ["workflows"],
        operationId: "createWorkflowFromTemplate",
        security: "session",
        description:
          "Owners, admins and developers create a draft workflow from a template (`template_id` from `GET /api/v1/workflow-templates`; an unknown one is a 400 on `#/template_id`). It opens in the editor, where it is connected and published.",
        requestExample: { template_id: "welcome-new-customer" },
        responses: {
          201: {
            description: "The new draft workflow",
            schema: createdFromTemplateSchema,
            example: { id: "3f1d2c4b-5a6e-4f70-8b9c-0d1e2f3a4b5c", name: "Welcome New Customer", status: "draft", template_id: "welcome-new-customer" },
          },
        },
        errors: [400, 401, 403, 404, 429],
      }),
      validate("param", wsParam),
      validate("json", createFromTemplateRequestSchema),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: DEVELOPER_ROLES, scope: "workflows" });
        const id = c.req.valid("json").template_id;
        const t = findTemplate(id);
        if (!t)
          throw new ValidationFailed([{ pointer: "#/template_id", detail: `unknown template; use one of ${WORKFLOW_TEMPLATES.map((x) => x.id).join(", ")}` }]);
        const wf = await withWorkspace(deps.db, a.workspaceId, (tx) => createWorkflow(tx, a.workspaceId, t.definition, { draft: true }));
        return c.json({ id: wf.id, name: wf.name, status: wf.status, template_id: t.id }, 201);
      },
    );
}
