/** Tenancy routes: sign-up and its plans, the setup wizard's progress, branding (also by custom domain), the billing contact, and the platform-staff workspace list. */
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
import { getWorkspaceBranding, listWorkspaces, signUp, updateBranding, verifyCustomDomain } from "./service";
import { brandingForHost, requestHost } from "./custom-domains";
import { assertOwnLogoPath } from "./logos";
import { auditedClaim } from "../../kernel/claims";
import { getBillingContact, updateBillingContact } from "./billing-contact";
import { getTestMode, setTestMode } from "./test-mode";
import { testModeSchema } from "@nhood/contracts/test-mode";
import { publicPlanListSchema, setupProgressSchema, updateSetupProgressRequestSchema } from "@nhood/contracts/onboarding";
import { listPublicPlans } from "./plan-tiers";
import { getSetupProgress, updateSetupProgress } from "./setup-progress";

const wsParam = z.object({ workspace_id: z.string() });
const SETUP_EXAMPLE = {
  steps: { api_key: "done", workflow: "pending", invite: "pending", provider: "pending" },
  next_step: "workflow",
  dismissed: false,
} as const;
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
            "Anyone may sign up: creates a workspace on the chosen `plan` (an id from `GET /api/v1/plans`, default `free`; an unknown one is a 400 on `#/plan`), its owner (a new account; an e-mail that is already registered is a 409), default branding and a first API key with every scope. A free plan applies at once (`subscription_status: active`); a paid plan starts a trial (`trialing`, 14 days by default, `trial_ends_at`) after which the workspace moves to the free plan unless it was paid for. The owner gets an e-mail verification link over SMTP (`verification_sent`) and can sign in at once. The API key and the webhook secret are shown this once.",
          requestExample: { name: "Acme", email: "owner@acme.example", password: "a long enough password", owner_name: "Ada Owner", plan: "professional" },
          responses: {
            201: {
              description: "The new workspace, its API key and webhook secret, plan and trial",
              schema: createWorkspaceResponseSchema,
              example: {
                workspace_id: "0b7c3f52-6a1e-4d8b-9c2f-5e4a3b2c1d0e",
                api_key: "nhood_sk_live_3f9a1c2b7d8e4f50a6b1c2d3e4f5a6b7",
                webhook_secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZgqC1hL9Kq",
                plan: "professional",
                subscription_status: "trialing",
                trial_ends_at: "2026-12-21T09:30:00.000Z",
                checkout_url: null,
                verification_sent: true,
              },
            },
          },
          errors: [400, 409, 429],
        }),
        validate("json", createWorkspaceRequestSchema),
        async (c) => {
          return c.json(await signUp(db, c.req.valid("json")), 201);
        },
      )
      .get(
        "/plans",
        describeRoute({
          summary: "List the plans a sign-up may choose",
          tags: ["workspaces"],
          operationId: "listPublicPlans",
          security: "none",
          description:
            "Anyone may read it (the sign-up page's plan picker): every plan, cheapest first, with its price (USD cents a month; null for custom pricing), main quotas (null: unlimited) and the days of trial a sign-up on it gets (0 for free plans).",
          responses: { 200: { description: "The plans", schema: publicPlanListSchema } },
          errors: [429],
        }),
        async (c) => c.json({ items: await listPublicPlans(db) }),
      )
      // the setup wizard after sign-up (decision 031): developers and up read and advance it
      .get(
        "/workspaces/:workspace_id/setup",
        describeRoute({
          summary: "Read the setup wizard's progress",
          tags: ["workspaces"],
          operationId: "getSetupProgress",
          security: "session",
          description:
            "Owners, admins and developers read the setup wizard's progress: each step (`api_key`, `workflow`, `invite`, `provider`) pending, done or skipped, the next step, and whether the wizard was closed.",
          responses: { 200: { description: "The progress", schema: setupProgressSchema, example: SETUP_EXAMPLE } },
        }),
        validate("param", wsParam),
        async (c) => {
          const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: DEVELOPER_ROLES });
          return c.json(await withWorkspace(db, a.workspaceId, (tx) => getSetupProgress(tx, a.workspaceId)));
        },
      )
      .put(
        "/workspaces/:workspace_id/setup",
        describeRoute({
          summary: "Advance the setup wizard",
          tags: ["workspaces"],
          operationId: "updateSetupProgress",
          security: "session",
          description: "Owners, admins and developers mark a step done or skipped (a step done stays done) and/or close the wizard (`dismissed`).",
          requestExample: { step: "workflow", state: "done" },
          responses: {
            200: {
              description: "The progress after the change",
              schema: setupProgressSchema,
              example: { ...SETUP_EXAMPLE, steps: { ...SETUP_EXAMPLE.steps, workflow: "done" }, next_step: "invite" },
            },
          },
          errors: [400, 401, 403, 404, 429],
        }),
        validate("param", wsParam),
        validate("json", updateSetupProgressRequestSchema),
        async (c) => {
          const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: DEVELOPER_ROLES });
          return c.json(await withWorkspace(db, a.workspaceId, (tx) => updateSetupProgress(tx, a.workspaceId, c.req.valid("json"))));
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
            "Owners and admins change the given branding fields. A custom domain needs a plan that includes it (403 `plan-upgrade-required`) and must not be claimed by another workspace (409 `external-id-claimed`, and an `external_id.claim_refused` audit row; a claim left pending for 7 days no longer blocks it). A new domain is pending — not served — until proven (`POST …/branding/custom-domain/verify`).",
          requestExample: { display_name: "Acme", primary_color: "#0055ff", custom_domain: "notify.acme.example" },
          responses: { 200: { description: "The branding after the change", schema: workspaceBrandingSchema } },
          errors: [400, 401, 403, 404, 409, 429],
        }),
        validate("param", wsParam),
        validate("json", updateBrandingRequestSchema),
        async (c) => {
          const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
          assertOwnLogoPath(a.workspaceId, c.req.valid("json").logo_url);
          return c.json(
            await auditedClaim(db, a.workspaceId, () => withWorkspace(db, a.workspaceId, (tx) => updateBranding(tx, a.workspaceId, c.req.valid("json")))),
          );
        },
      )
      .post(
        "/workspaces/:workspace_id/branding/custom-domain/verify",
        describeRoute({
          summary: "Prove the custom domain",
          tags: ["branding"],
          operationId: "verifyCustomDomain",
          security: "session",
          description:
            "Owners and admins ask the suite to check, now, that the workspace controls its custom domain: a DNS TXT record `_nhood-verify.<domain>` = `nhood-verify=<token>`, else `http://<domain>/.well-known/nhood-domain-verification` answering the token (fetched through the SSRF guard: private addresses are refused). The token and both records are in the branding settings' `custom_domain_verification`. Until proven, the domain is pending and not served. When neither shows the token, 422 `custom-domain-not-proven` names `#/custom_domain` with what each check found.",
          responses: { 200: { description: "The branding, the domain now verified", schema: workspaceBrandingSchema } },
          errors: [401, 403, 404, 409, 422, 429],
        }),
        validate("param", wsParam),
        async (c) => {
          const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
          return c.json(await verifyCustomDomain(db, a.workspaceId));
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
