/** Rules (seed 003 §5.5): CRUD and `POST /rules/{id}/test` against a sample event. */
import { Hono } from "hono";
import { z } from "zod";
import { ruleInputSchema, ruleTestRequestSchema } from "@nhood/contracts";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { ALL_ROLES, DEVELOPER_ROLES } from "../identity";
import { memberUserId, requireOwnWorkspace } from "./access";
import { createRule, deleteRule, getRule, listRules, testRule, toRule, updateRule } from "./rules";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs-rules";

const idParam = z.object({ id: z.uuid() });
const partialRule = ruleInputSchema.partial().refine((v) => Object.keys(v).length > 0, { message: "send at least one field" });

export function ruleRoutes(deps: Deps) {
  const { db } = deps;
  const write = (c: Parameters<typeof requireOwnWorkspace>[1]) => requireOwnWorkspace(deps, c, { roles: DEVELOPER_ROLES });
  return new Hono<AppEnv>()
    .get("/rules", describeRoute(docs.listRules), async (c) => {
      const a = await requireOwnWorkspace(deps, c, { roles: ALL_ROLES });
      return c.json({ items: (await withWorkspace(db, a.workspaceId, (tx) => listRules(tx, a.workspaceId))).map(toRule) });
    })
    .post("/rules", describeRoute(docs.createRule), validate("json", ruleInputSchema), async (c) => {
      const a = await write(c);
      return c.json(toRule(await withWorkspace(db, a.workspaceId, (tx) => createRule(tx, a.workspaceId, c.req.valid("json"), memberUserId(a)))), 201);
    })
    .get("/rules/:id", describeRoute(docs.getRule), validate("param", idParam), async (c) => {
      const a = await requireOwnWorkspace(deps, c, { roles: ALL_ROLES });
      return c.json(toRule(await withWorkspace(db, a.workspaceId, (tx) => getRule(tx, a.workspaceId, c.req.valid("param").id))));
    })
    .put("/rules/:id", describeRoute(docs.updateRule), validate("param", idParam), validate("json", partialRule), async (c) => {
      const a = await write(c);
      // partial(): defaults of the create schema must not overwrite fields that were not sent
      const sent = await c.req.json<Record<string, unknown>>();
      const v = Object.fromEntries(Object.entries(c.req.valid("json")).filter(([k]) => k in sent));
      return c.json(toRule(await withWorkspace(db, a.workspaceId, (tx) => updateRule(tx, a.workspaceId, c.req.valid("param").id, v))));
    })
    .delete("/rules/:id", describeRoute(docs.deleteRule), validate("param", idParam), async (c) => {
      const a = await write(c);
      await withWorkspace(db, a.workspaceId, (tx) => deleteRule(tx, a.workspaceId, c.req.valid("param").id));
      return c.body(null, 204);
    })
    .post("/rules/:id/test", describeRoute(docs.testRule), validate("param", idParam), validate("json", ruleTestRequestSchema), async (c) => {
      const a = await requireOwnWorkspace(deps, c, { roles: ALL_ROLES });
      return c.json(await withWorkspace(db, a.workspaceId, (tx) => testRule(tx, a.workspaceId, c.req.valid("param").id, c.req.valid("json").event)));
    });
}
