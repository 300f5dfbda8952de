/**
 * CRM clients, the product catalogue, lead sources and Meta lead-ads settings. Sales staff read;
 * owners and admins change (lead-source keys and Meta secrets are credentials).
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv, AppContext, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { ADMIN_ROLES, requireWorkspace, SALES_ROLES } from "../identity";
import {
  clientProductRequestSchema, createCategoryRequestSchema, createCrmClientRequestSchema, createIndustryRequestSchema,
  createLeadSourceRequestSchema, createMetaFormRequestSchema, createProductRequestSchema, updateCrmClientRequestSchema,
  updateMetaSettingsRequestSchema,
} from "@nhood/contracts";
import { addCatalogueEntry, createClient, getClient, listClients, loadCatalogue, setClientProduct, updateClient } from "./clients";
import { createSource, listSources, revokeSource } from "./sources";
import { addMetaForm, loadMetaSettings, removeMetaForm, updateMetaSettings } from "./meta-settings";

const wsParam = z.object({ workspace_id: z.string() });
const clientParam = wsParam.extend({ client_id: z.string().max(64) });
const idParam = wsParam.extend({ id: z.uuid() });

export function catalogueRoutes(deps: Deps) {
  const read = (c: AppContext, ws: string) => requireWorkspace(deps, c, ws, { roles: SALES_ROLES, scope: "leads" });
  const admin = (c: AppContext, ws: string) => requireWorkspace(deps, c, ws, { roles: ADMIN_ROLES, scope: "leads" });
  const inWs = <T>(ws: string, fn: Parameters<typeof withWorkspace<T>>[2]) => withWorkspace(deps.db, ws, fn);
  return new Hono<AppEnv>()
    .get("/workspaces/:workspace_id/crm-clients", validate("param", wsParam), async (c) => {
      const a = await read(c, c.req.valid("param").workspace_id);
      return c.json({ items: await inWs(a.workspaceId, (tx) => listClients(tx, a.workspaceId)) });
    })
    .post("/workspaces/:workspace_id/crm-clients", validate("param", wsParam), validate("json", createCrmClientRequestSchema), async (c) => {
      const a = await admin(c, c.req.valid("param").workspace_id);
      return c.json(await inWs(a.workspaceId, (tx) => createClient(tx, a.workspaceId, c.req.valid("json"))), 201);
    })
    .get("/workspaces/:workspace_id/crm-clients/:client_id", validate("param", clientParam), async (c) => {
      const a = await read(c, c.req.valid("param").workspace_id);
      return c.json(await inWs(a.workspaceId, (tx) => getClient(tx, a.workspaceId, c.req.valid("param").client_id)));
    })
    .patch("/workspaces/:workspace_id/crm-clients/:client_id", validate("param", clientParam), validate("json", updateCrmClientRequestSchema), async (c) => {
      const a = await admin(c, c.req.valid("param").workspace_id);
      return c.json(await inWs(a.workspaceId, (tx) => updateClient(tx, a.workspaceId, c.req.valid("param").client_id, c.req.valid("json"))));
    })
    .put("/workspaces/:workspace_id/crm-clients/:client_id/products", validate("param", clientParam), validate("json", clientProductRequestSchema), async (c) => {
      const a = await admin(c, c.req.valid("param").workspace_id);
      const b = c.req.valid("json");
      return c.json(await inWs(a.workspaceId, (tx) => setClientProduct(tx, a.workspaceId, c.req.valid("param").client_id, b.product_id, b.enabled)));
    })
    .get("/workspaces/:workspace_id/catalogue", validate("param", wsParam), async (c) => {
      const a = await read(c, c.req.valid("param").workspace_id);
      return c.json(await inWs(a.workspaceId, (tx) => loadCatalogue(tx, a.workspaceId)));
    })
    .post("/workspaces/:workspace_id/catalogue/industries", validate("param", wsParam), validate("json", createIndustryRequestSchema), async (c) => {
      const a = await admin(c, c.req.valid("param").workspace_id);
      return c.json(await inWs(a.workspaceId, (tx) => addCatalogueEntry(tx, a.workspaceId, "industry", c.req.valid("json"))), 201);
    })
    .post("/workspaces/:workspace_id/catalogue/categories", validate("param", wsParam), validate("json", createCategoryRequestSchema), async (c) => {
      const a = await admin(c, c.req.valid("param").workspace_id);
      return c.json(await inWs(a.workspaceId, (tx) => addCatalogueEntry(tx, a.workspaceId, "category", c.req.valid("json"))), 201);
    })
    .post("/workspaces/:workspace_id/catalogue/products", validate("param", wsParam), validate("json", createProductRequestSchema), async (c) => {
      const a = await admin(c, c.req.valid("param").workspace_id);
      return c.json(await inWs(a.workspaceId, (tx) => addCatalogueEntry(tx, a.workspaceId, "product", c.req.valid("json"))), 201);
    })
    .get("/workspaces/:workspace_id/lead-sources", validate("param", wsParam), async (c) => {
      const a = await admin(c, c.req.valid("param").workspace_id);
      return c.json({ items: await inWs(a.workspaceId, (tx) => listSources(tx, a.workspaceId)) });
    })
    .post("/workspaces/:workspace_id/lead-sources", validate("param", wsParam), validate("json", createLeadSourceRequestSchema), async (c) => {
      const a = await admin(c, c.req.valid("param").workspace_id);
      const b = c.req.valid("json");
      return c.json(await inWs(a.workspaceId, (tx) => createSource(tx, a.workspaceId, b.client_id, b.name)), 201);
    })
    .delete("/workspaces/:workspace_id/lead-sources/:id", validate("param", idParam), async (c) => {
      const a = await admin(c, c.req.valid("param").workspace_id);
      await inWs(a.workspaceId, (tx) => revokeSource(tx, a.workspaceId, c.req.valid("param").id));
      return c.body(null, 204);
    })
    .get("/workspaces/:workspace_id/meta-settings", validate("param", wsParam), async (c) => {
      const a = await admin(c, c.req.valid("param").workspace_id);
      return c.json(await inWs(a.workspaceId, (tx) => loadMetaSettings(tx, a.workspaceId)));
    })
    .put("/workspaces/:workspace_id/meta-settings", validate("param", wsParam), validate("json", updateMetaSettingsRequestSchema), async (c) => {
      const a = await admin(c, c.req.valid("param").workspace_id);
      return c.json(await inWs(a.workspaceId, (tx) => updateMetaSettings(tx, a.workspaceId, c.req.valid("json"))));
    })
    .post("/workspaces/:workspace_id/meta-settings/forms", validate("param", wsParam), validate("json", createMetaFormRequestSchema), async (c) => {
      const a = await admin(c, c.req.valid("param").workspace_id);
      return c.json(await inWs(a.workspaceId, (tx) => addMetaForm(tx, a.workspaceId, c.req.valid("json"))), 201);
    })
    .delete("/workspaces/:workspace_id/meta-settings/forms/:id", validate("param", idParam), async (c) => {
      const a = await admin(c, c.req.valid("param").workspace_id);
      await inWs(a.workspaceId, (tx) => removeMetaForm(tx, a.workspaceId, c.req.valid("param").id));
      return c.body(null, 204);
    });
}
