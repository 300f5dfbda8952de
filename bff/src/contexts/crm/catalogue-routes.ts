/**
 * CRM clients, the product catalogue, lead sources and Meta lead-ads settings. Sales staff read;
 * owners and admins change (lead-source keys and Meta secrets are credentials).
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv, AppContext, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { describeRoute } from "../../lib/describe";
import { withWorkspace } from "../../db/tenant";
import { ADMIN_ROLES, requireWorkspace, SALES_ROLES } from "../identity";
import {
  clientProductRequestSchema,
  createCategoryRequestSchema,
  createCrmClientRequestSchema,
  createIndustryRequestSchema,
  createLeadSourceRequestSchema,
  createMetaFormRequestSchema,
  createProductRequestSchema,
  updateCrmClientRequestSchema,
  updateMetaSettingsRequestSchema,
  catalogueSchema,
  createdIdSchema,
  createdLeadSourceSchema,
  crmClientListSchema,
  crmClientSchema,
  leadSourceListSchema,
  metaSettingsSchema,
} from "@nhood/contracts";
import { addCatalogueEntry, createClient, getClient, listClients, loadCatalogue, setClientProduct, updateClient } from "./clients";
import { createSource, listSources, revokeSource } from "./sources";
import { addMetaForm, loadMetaSettings, proveMetaPage, removeMetaForm, updateMetaSettings } from "./meta-settings";
import { auditedClaim } from "../../kernel/claims";

const wsParam = z.object({ workspace_id: z.string() });
const clientParam = wsParam.extend({ client_id: z.string().max(64) });
const idParam = wsParam.extend({ id: z.uuid() });

export function catalogueRoutes(deps: Deps) {
  const read = (c: AppContext, ws: string) => requireWorkspace(deps, c, ws, { roles: SALES_ROLES, scope: "leads" });
  const admin = (c: AppContext, ws: string) => requireWorkspace(deps, c, ws, { roles: ADMIN_ROLES, scope: "leads" });
  const inWs = <T>(ws: string, fn: Parameters<typeof withWorkspace<T>>[2]) => withWorkspace(deps.db, ws, fn);
  return new Hono<AppEnv>()
    .get(
      "/workspaces/:workspace_id/crm-clients",
      describeRoute({
        summary: "List CRM clients",
        tags: ["crm-clients"],
        operationId: "listCrmClients",
        security: "any",
        description:
          "Every CRM client of the workspace with its websites and products. Sales staff (owners, admins, sales managers and reps) and API keys with the `leads` scope may read it.",
        responses: { 200: { description: "The CRM clients", schema: crmClientListSchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await read(c, c.req.valid("param").workspace_id);
        return c.json({ items: await inWs(a.workspaceId, (tx) => listClients(tx, a.workspaceId)) });
      },
    )
    .post(
      "/workspaces/:workspace_id/crm-clients",
      describeRoute({
        summary: "Create a CRM client",
        tags: ["crm-clients"],
        operationId: "createCrmClient",
        security: "any",
        description:
          "Owners and admins (or an API key with the `leads` scope) create a CRM client under an id they choose (a slug); a taken id is a 409. Its website origins may post leads from the browser.",
        requestExample: { client_id: "shop", name: "The Shop", website_origins: ["https://shop.example.com"] },
        responses: { 201: { description: "The new CRM client", schema: crmClientSchema } },
        errors: [400, 401, 403, 404, 409, 429],
      }),
      validate("param", wsParam),
      validate("json", createCrmClientRequestSchema),
      async (c) => {
        const a = await admin(c, c.req.valid("param").workspace_id);
        return c.json(await inWs(a.workspaceId, (tx) => createClient(tx, a.workspaceId, c.req.valid("json"))), 201);
      },
    )
    .get(
      "/workspaces/:workspace_id/crm-clients/:client_id",
      describeRoute({
        summary: "Read a CRM client",
        tags: ["crm-clients"],
        operationId: "getCrmClient",
        security: "any",
        description:
          "A CRM client with its websites and products. Sales staff (owners, admins, sales managers and reps) and API keys with the `leads` scope may read it.",
        responses: { 200: { description: "The CRM client", schema: crmClientSchema } },
      }),
      validate("param", clientParam),
      async (c) => {
        const a = await read(c, c.req.valid("param").workspace_id);
        return c.json(await inWs(a.workspaceId, (tx) => getClient(tx, a.workspaceId, c.req.valid("param").client_id)));
      },
    )
    .patch(
      "/workspaces/:workspace_id/crm-clients/:client_id",
      describeRoute({
        summary: "Change a CRM client",
        tags: ["crm-clients"],
        operationId: "updateCrmClient",
        security: "any",
        description:
          "Owners and admins (or an API key with the `leads` scope) change a CRM client's name, status or website origins. An inactive client's lead sources are refused.",
        requestExample: { status: "inactive" },
        responses: { 200: { description: "The CRM client after the change", schema: crmClientSchema } },
      }),
      validate("param", clientParam),
      validate("json", updateCrmClientRequestSchema),
      async (c) => {
        const a = await admin(c, c.req.valid("param").workspace_id);
        return c.json(await inWs(a.workspaceId, (tx) => updateClient(tx, a.workspaceId, c.req.valid("param").client_id, c.req.valid("json"))));
      },
    )
    .put(
      "/workspaces/:workspace_id/crm-clients/:client_id/products",
      describeRoute({
        summary: "Offer or withdraw a product for a CRM client",
        tags: ["crm-clients"],
        operationId: "setCrmClientProduct",
        security: "any",
        description:
          "Owners and admins (or an API key with the `leads` scope) enable or disable a catalogue product for a CRM client (leads may name only enabled products). A product not in the catalogue is a 400.",
        requestExample: { product_id: "0d4f4c43-6a7e-4b8e-9a53-4b8d2f0e6a10", enabled: true },
        responses: { 200: { description: "The CRM client after the change", schema: crmClientSchema } },
      }),
      validate("param", clientParam),
      validate("json", clientProductRequestSchema),
      async (c) => {
        const a = await admin(c, c.req.valid("param").workspace_id);
        const b = c.req.valid("json");
        return c.json(await inWs(a.workspaceId, (tx) => setClientProduct(tx, a.workspaceId, c.req.valid("param").client_id, b.product_id, b.enabled)));
      },
    )
    .get(
      "/workspaces/:workspace_id/catalogue",
      describeRoute({
        summary: "Read the product catalogue",
        tags: ["catalogue"],
        operationId: "getCatalogue",
        security: "any",
        description:
          "The workspace's industries, their categories and their products, as a tree. Sales staff (owners, admins, sales managers and reps) and API keys with the `leads` scope may read it.",
        responses: { 200: { description: "The catalogue", schema: catalogueSchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await read(c, c.req.valid("param").workspace_id);
        return c.json(await inWs(a.workspaceId, (tx) => loadCatalogue(tx, a.workspaceId)));
      },
    )
    .post(
      "/workspaces/:workspace_id/catalogue/industries",
      describeRoute({
        summary: "Add an industry",
        tags: ["catalogue"],
        operationId: "addIndustry",
        security: "any",
        description: "Owners and admins (or an API key with the `leads` scope) add an industry to the catalogue; a name already used is a 409.",
        requestExample: { name: "Insurance" },
        responses: { 201: { description: "The new industry's id", schema: createdIdSchema } },
        errors: [400, 401, 403, 404, 409, 429],
      }),
      validate("param", wsParam),
      validate("json", createIndustryRequestSchema),
      async (c) => {
        const a = await admin(c, c.req.valid("param").workspace_id);
        return c.json(await inWs(a.workspaceId, (tx) => addCatalogueEntry(tx, a.workspaceId, "industry", c.req.valid("json"))), 201);
      },
    )
    .post(
      "/workspaces/:workspace_id/catalogue/categories",
      describeRoute({
        summary: "Add a category",
        tags: ["catalogue"],
        operationId: "addCategory",
        security: "any",
        description:
          "Owners and admins (or an API key with the `leads` scope) add a category under an industry (an unknown industry is a 400; a name already used there is a 409).",
        requestExample: { industry_id: "0d4f4c43-6a7e-4b8e-9a53-4b8d2f0e6a10", name: "Car insurance" },
        responses: { 201: { description: "The new category's id", schema: createdIdSchema } },
        errors: [400, 401, 403, 404, 409, 429],
      }),
      validate("param", wsParam),
      validate("json", createCategoryRequestSchema),
      async (c) => {
        const a = await admin(c, c.req.valid("param").workspace_id);
        return c.json(await inWs(a.workspaceId, (tx) => addCatalogueEntry(tx, a.workspaceId, "category", c.req.valid("json"))), 201);
      },
    )
    .post(
      "/workspaces/:workspace_id/catalogue/products",
      describeRoute({
        summary: "Add a product",
        tags: ["catalogue"],
        operationId: "addProduct",
        security: "any",
        description:
          "Owners and admins (or an API key with the `leads` scope) add a product under a category (an unknown category is a 400; a name already used there is a 409).",
        requestExample: { category_id: "0d4f4c43-6a7e-4b8e-9a53-4b8d2f0e6a10", name: "Comprehensive cover" },
        responses: { 201: { description: "The new product's id", schema: createdIdSchema } },
        errors: [400, 401, 403, 404, 409, 429],
      }),
      validate("param", wsParam),
      validate("json", createProductRequestSchema),
      async (c) => {
        const a = await admin(c, c.req.valid("param").workspace_id);
        return c.json(await inWs(a.workspaceId, (tx) => addCatalogueEntry(tx, a.workspaceId, "product", c.req.valid("json"))), 201);
      },
    )
    .get(
      "/workspaces/:workspace_id/lead-sources",
      describeRoute({
        summary: "List lead sources",
        tags: ["lead-sources"],
        operationId: "listLeadSources",
        security: "any",
        description:
          "Every lead-source key of the workspace (prefix, CRM client, last use, revocation); the full key is never shown again. Sales staff (owners, admins, sales managers and reps) and API keys with the `leads` scope may read it.",
        responses: { 200: { description: "The lead sources", schema: leadSourceListSchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await admin(c, c.req.valid("param").workspace_id);
        return c.json({ items: await inWs(a.workspaceId, (tx) => listSources(tx, a.workspaceId)) });
      },
    )
    .post(
      "/workspaces/:workspace_id/lead-sources",
      describeRoute({
        summary: "Create a lead source",
        tags: ["lead-sources"],
        operationId: "createLeadSource",
        security: "any",
        description:
          "Owners and admins (or an API key with the `leads` scope) mint a key with which a CRM client's website or backend posts leads to `POST /api/v1/leads/ingest`. The answer carries the key this once. An unknown CRM client is a 404.",
        requestExample: { client_id: "shop", name: "Website form" },
        responses: { 201: { description: "The lead source and its key, shown this once", schema: createdLeadSourceSchema } },
      }),
      validate("param", wsParam),
      validate("json", createLeadSourceRequestSchema),
      async (c) => {
        const a = await admin(c, c.req.valid("param").workspace_id);
        const b = c.req.valid("json");
        return c.json(await inWs(a.workspaceId, (tx) => createSource(tx, a.workspaceId, b.client_id, b.name)), 201);
      },
    )
    .delete(
      "/workspaces/:workspace_id/lead-sources/:id",
      describeRoute({
        summary: "Revoke a lead source",
        tags: ["lead-sources"],
        operationId: "revokeLeadSource",
        security: "any",
        description: "Owners and admins (or an API key with the `leads` scope) revoke a lead-source key; leads sent with it are refused from then on.",
        responses: { 204: { description: "Revoked" } },
      }),
      validate("param", idParam),
      async (c) => {
        const a = await admin(c, c.req.valid("param").workspace_id);
        await inWs(a.workspaceId, (tx) => revokeSource(tx, a.workspaceId, c.req.valid("param").id));
        return c.body(null, 204);
      },
    )
    .get(
      "/workspaces/:workspace_id/meta-settings",
      describeRoute({
        summary: "Read the Meta lead-ads settings",
        tags: ["meta"],
        operationId: "getMetaSettings",
        security: "any",
        description:
          "Owners and admins (or an API key with the `leads` scope) see whether the Meta app secret and page token are set (never their values), the verify token and callback path for Meta's webhook, and which pages and forms feed which CRM client.",
        responses: { 200: { description: "The settings", schema: metaSettingsSchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await admin(c, c.req.valid("param").workspace_id);
        return c.json(await inWs(a.workspaceId, (tx) => loadMetaSettings(tx, a.workspaceId)));
      },
    )
    .put(
      "/workspaces/:workspace_id/meta-settings",
      describeRoute({
        summary: "Change the Meta lead-ads settings",
        tags: ["meta"],
        operationId: "updateMetaSettings",
        security: "any",
        description:
          "Owners and admins (or an API key with the `leads` scope) set the Meta app secret and page access token (stored encrypted) or mint a new verify token.",
        requestExample: { app_secret: "meta-app-secret", rotate_verify_token: true },
        responses: { 200: { description: "The settings after the change", schema: metaSettingsSchema } },
      }),
      validate("param", wsParam),
      validate("json", updateMetaSettingsRequestSchema),
      async (c) => {
        const a = await admin(c, c.req.valid("param").workspace_id);
        return c.json(await inWs(a.workspaceId, (tx) => updateMetaSettings(tx, a.workspaceId, c.req.valid("json"))));
      },
    )
    .post(
      "/workspaces/:workspace_id/meta-settings/forms",
      describeRoute({
        summary: "Map a Meta page or form to a CRM client",
        tags: ["meta"],
        operationId: "addMetaForm",
        security: "any",
        description:
          "Owners and admins (or an API key with the `leads` scope) send the leads of a Facebook page (or one of its forms) to a CRM client. A page is claimed by one workspace across the platform: a page another workspace has claimed is a 409 `external-id-claimed` (and an `external_id.claim_refused` audit row). When the workspace has stored its own page access token, the page is proven first by that token's `GET /me` on the Graph API: a token of another page is a 422 `meta-page-not-proven`. An unknown CRM client is a 404; a mapping that exists is a 409.",
        requestExample: { page_id: "1234567890", form_id: "987654321", client_id: "shop" },
        responses: { 201: { description: "The mapping's id", schema: createdIdSchema } },
        errors: [400, 401, 403, 404, 409, 422, 429],
      }),
      validate("param", wsParam),
      validate("json", createMetaFormRequestSchema),
      async (c) => {
        const a = await admin(c, c.req.valid("param").workspace_id);
        const body = c.req.valid("json");
        const provenAt = await proveMetaPage(deps.db, a.workspaceId, body.page_id);
        return c.json(await auditedClaim(deps.db, a.workspaceId, () => inWs(a.workspaceId, (tx) => addMetaForm(tx, a.workspaceId, body, provenAt))), 201);
      },
    )
    .delete(
      "/workspaces/:workspace_id/meta-settings/forms/:id",
      describeRoute({
        summary: "Remove a Meta page or form mapping",
        tags: ["meta"],
        operationId: "removeMetaForm",
        security: "any",
        description: "Owners and admins (or an API key with the `leads` scope) stop taking leads from a page or form.",
        responses: { 204: { description: "Removed" } },
      }),
      validate("param", idParam),
      async (c) => {
        const a = await admin(c, c.req.valid("param").workspace_id);
        await inWs(a.workspaceId, (tx) => removeMetaForm(tx, a.workspaceId, c.req.valid("param").id));
        return c.body(null, 204);
      },
    );
}
