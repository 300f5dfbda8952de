/** Tenancy routes: sign-up, branding (also by custom domain), the billing contact, and the platform-staff workspace list. */
import { Hono } from "hono";
import { z } from "zod";
import {
  createWorkspaceRequestSchema,
  updateBillingContactRequestSchema,
  updateBrandingRequestSchema,
  brandingSchema,
  billingContactSchema,
  createWorkspaceResponseSchema,
  page,
  workspaceBrandingSchema,
  workspaceSummarySchema,
} from "@nhood/contracts";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { describeRoute } from "../../lib/describe";
import { withWorkspace } from "../../db/tenant";
import { ADMIN_ROLES, ALL_ROLES, DEVELOPER_ROLES, requirePlatformRole, requireWorkspace } from "../identity";
import { NotFound } from "../../lib/errors";
import { getWorkspaceBranding, listWorkspaces, signUp, updateBranding } from "./service";
import { brandingForHost, requestHost } from "./custom-domains";
import { auditedClaim } from "../../kernel/claims";
import { getBillingContact, updateBillingContact } from "./billing-contact";
import { getTestMode, setTestMode } from "./test-mode";
import { testModeSchema } from "@nhood/contracts/test-mode";

const wsParam = z.object({ workspace_id: z.string() });
const listQuery = z.object({ q: z.string().trim().max(100).optional(), cursor: z.string().max(200).optional() });

export function tenancyRoutes(deps: Deps) {
  const { db } = deps;
  return (
    new Hono<AppEnv>()
      .post(
        "/workspaces",
        describeRoute({
          summary: "Sign up: create a workspace",
          tags: ["workspaces"],
          operationId: "createWorkspace",
          security: "none",
          description:
            "Anyone may sign up: creates a workspace on the free plan, its owner (a new account; an e-mail that is already registered is a 409), default branding and a first API key with every scope. The API key and the webhook secret are shown this once.",
          requestExample: { name: "Acme", email: "owner@acme.example", password: "a long enough password" },
          responses: { 201: { description: "The new workspace, its API key and webhook secret", schema: createWorkspaceResponseSchema } },
          errors: [400, 409, 429],
        }),
        validate("json", createWorkspaceRequestSchema),
        async (c) => {
          return c.json(await signUp(db, c.req.valid("json")), 201);
        },
      )
      // anonymous: the branded sign-in of a custom domain reads it before anyone signs in
      .get(
        "/branding",
        describeRoute({
          summary: "Read the branding of this host",
          tags: ["branding"],
          operationId: "getHostBranding",
          security: "none",
          description:
            "Anyone may read it: the branding of the workspace whose custom domain serves this request (the `Host` header), so a branded sign-in page can show it before anyone signs in. An unknown host is a 404.",
          responses: { 200: { description: "The workspace's public branding", schema: brandingSchema } },
          errors: [404],
        }),
        async (c) => {
          const found = await brandingForHost(db, requestHost(c));
          if (!found) throw new NotFound("workspace with this custom domain");
          return c.json(found);
        },
      )
      .get(
        "/workspaces/:workspace_id/branding",
        describeRoute({
          summary: "Read a workspace's branding",
          tags: ["branding"],
          operationId: "getBranding",
          security: "session",
          description: "Any member reads the workspace's branding (display name, logo, colour, custom domain) and whether its plan allows a custom domain.",
          responses: { 200: { description: "The branding", schema: workspaceBrandingSchema } },
        }),
        validate("param", wsParam),
        async (c) => {
          const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ALL_ROLES });
          return c.json(await withWorkspace(db, a.workspaceId, (tx) => getWorkspaceBranding(tx, a.workspaceId)));
        },
      )
      .put(
        "/workspaces/:workspace_id/branding",
        describeRoute({
          summary: "Change a workspace's branding",
          tags: ["branding"],
          operationId: "updateBranding",
          security: "session",
          description:
            "Owners and admins change the given branding fields. A custom domain needs a plan that includes it (403 `plan-upgrade-required`) and must not be claimed by another workspace (409 `external-id-claimed`, and an `external_id.claim_refused` audit row).",
          requestExample: { display_name: "Acme", primary_color: "#0055ff", custom_domain: "notify.acme.example" },
          responses: { 200: { description: "The branding after the change", schema: workspaceBrandingSchema } },
          errors: [400, 401, 403, 404, 409, 429],
        }),
        validate("param", wsParam),
        validate("json", updateBrandingRequestSchema),
        async (c) => {
          const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
          return c.json(
            await auditedClaim(db, a.workspaceId, () => withWorkspace(db, a.workspaceId, (tx) => updateBranding(tx, a.workspaceId, c.req.valid("json")))),
          );
        },
      )
      // who gets quota warnings by e-mail: members may see it, owners and admins change it
      .get(
        "/workspaces/:workspace_id/billing-contact",
        describeRoute({
          summary: "Read the billing contact",
          tags: ["billing"],
          operationId: "getBillingContact",
          security: "session",
          description: "Any member sees who gets the workspace's billing e-mail (quota warnings): the billing e-mail if set, else the owners.",
          responses: { 200: { description: "The billing contact", schema: billingContactSchema } },
        }),
        validate("param", wsParam),
        async (c) => {
          const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ALL_ROLES });
          return c.json(await withWorkspace(db, a.workspaceId, (tx) => getBillingContact(tx, a.workspaceId)));
        },
      )
      .put(
        "/workspaces/:workspace_id/billing-contact",
        describeRoute({
          summary: "Set the billing contact",
          tags: ["billing"],
          operationId: "updateBillingContact",
          security: "session",
          description: "Owners and admins set the billing e-mail, or null to send billing e-mail to the owners.",
          requestExample: { billing_email: "billing@acme.example" },
          responses: { 200: { description: "The billing contact after the change", schema: billingContactSchema } },
        }),
        validate("param", wsParam),
        validate("json", updateBillingContactRequestSchema),
        async (c) => {
          const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
          return c.json(await withWorkspace(db, a.workspaceId, (tx) => updateBillingContact(tx, a.workspaceId, c.req.valid("json").billing_email)));
        },
      )
      // test mode (decision 020): members see it, developers switch it
      .get(
        "/workspaces/:workspace_id/test-mode",
        describeRoute({
          summary: "Read the Test mode switch",
          tags: ["workspaces"],
          operationId: "getTestMode",
          security: "session",
          description:
            "Whether the workspace is in test mode: every execution it starts is then a test execution whose provider calls go to the built-in sandbox.",
          responses: { 200: { description: "The switch", schema: testModeSchema } },
        }),
        validate("param", wsParam),
        async (c) => {
          const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ALL_ROLES });
          return c.json(await withWorkspace(db, a.workspaceId, (tx) => getTestMode(tx, a.workspaceId)));
        },
      )
      .put(
        "/workspaces/:workspace_id/test-mode",
        describeRoute({
          summary: "Switch test mode on or off",
          tags: ["workspaces"],
          operationId: "setTestMode",
          security: "session",
          description: "Owners, admins and developers switch test mode. Executions already started keep their mode.",
          requestExample: { test_mode: true },
          responses: { 200: { description: "The switch after the change", schema: testModeSchema } },
        }),
        validate("param", wsParam),
        validate("json", testModeSchema),
        async (c) => {
          const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: DEVELOPER_ROLES });
          return c.json(await withWorkspace(db, a.workspaceId, (tx) => setTestMode(tx, a.workspaceId, c.req.valid("json").test_mode)));
        },
      )
      .get(
        "/admin/workspaces",
        describeRoute({
          summary: "List workspaces (platform staff)",
          tags: ["admin"],
          operationId: "adminListWorkspaces",
          security: "session",
          description:
            "Platform staff (any platform role) list every workspace, newest first, 50 a page, optionally filtered by a name search `q`; pass `next_cursor` back as `cursor`.",
          responses: { 200: { description: "A page of workspaces", schema: page(workspaceSummarySchema) } },
        }),
        validate("query", listQuery),
        async (c) => {
          await requirePlatformRole(deps, c, ["super_admin", "support", "billing"]);
          const { q, cursor } = c.req.valid("query");
          return c.json(await listWorkspaces(db, q, cursor));
        },
      )
  );
}
