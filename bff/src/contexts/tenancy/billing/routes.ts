/**
 * Billing routes (decision 032): a workspace's billing summary, payment banner, Stripe Checkout
 * and customer portal under `/api/v1/workspaces/{id}/billing…`; platform revenue at
 * `/api/v1/admin/revenue`; and the Stripe webhook endpoint `stripeWebhookRoutes`, mounted at
 * `/webhooks/stripe` (outside `/api/v1`: Stripe calls it).
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { billingRedirectSchema, billingStatusSchema, billingSummarySchema, checkoutRequestSchema, platformRevenueSchema } from "@nhood/contracts/billing";
import type { AppEnv, Deps } from "../../../lib/http";
import { validate } from "../../../lib/validate";
import { describeRoute } from "../../../lib/describe";
import { DomainError } from "../../../lib/errors";
import { ADMIN_ROLES, ALL_ROLES, requirePlatformRole, requireWorkspace } from "../../identity";
import { getBillingStatus, getBillingSummary, openCustomerPortal, startCheckout } from "./service";
import { platformRevenue } from "./revenue";
import { handleStripeWebhook } from "./webhooks";

const wsParam = z.object({ workspace_id: z.string() });
const returnBody = z.object({ return_path: z.string().startsWith("/").max(200).optional() });
const REDIRECT = { url: "https://checkout.stripe.com/c/pay/cs_test_a1b2c3" };

/** The workspace billing routes and platform revenue (mounted under /api/v1). */
export function billingRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get(
      "/workspaces/:workspace_id/billing",
      describeRoute({
        summary: "Read the workspace's billing",
        tags: ["billing"],
        operationId: "getBilling",
        security: "session",
        description:
          "Owners and admins see the plan, the subscription and payment state (a grace period after a failed payment), and from Stripe the next invoice, the payment method and past invoices. With billing off (`enabled: false`) plans are changed by platform staff.",
        responses: { 200: { description: "The billing summary", schema: billingSummarySchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
        return c.json(await getBillingSummary(db, a.workspaceId));
      },
    )
    .get(
      "/workspaces/:workspace_id/billing/status",
      describeRoute({
        summary: "Read the payment banner",
        tags: ["billing"],
        operationId: "getBillingStatus",
        security: "session",
        description:
          "Any member reads whether a payment has failed and until when the workspace stays usable (`grace_until`), for the banner the portals show.",
        responses: { 200: { description: "The payment state", schema: billingStatusSchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ALL_ROLES });
        return c.json(await getBillingStatus(db, a.workspaceId));
      },
    )
    .post(
      "/workspaces/:workspace_id/billing/checkout",
      describeRoute({
        summary: "Open Stripe Checkout for a paid plan",
        tags: ["billing"],
        operationId: "startCheckout",
        security: "session",
        description:
          "Owners and admins get a Stripe Checkout URL (subscription mode) for `plan`; the plan changes when Stripe reports the payment (webhook). 400 on `#/plan` for a plan that cannot be bought; 409 `billing-disabled` when billing is off.",
        requestExample: { plan: "professional" },
        responses: { 200: { description: "Where to send the browser", schema: billingRedirectSchema, example: REDIRECT } },
        errors: [400, 401, 403, 404, 409, 429],
      }),
      validate("param", wsParam),
      validate("json", checkoutRequestSchema.extend(returnBody.shape)),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
        const body = c.req.valid("json");
        return c.json(await startCheckout(db, a.workspaceId, body.plan, body.return_path));
      },
    )
    .post(
      "/workspaces/:workspace_id/billing/portal",
      describeRoute({
        summary: "Open the Stripe customer portal",
        tags: ["billing"],
        operationId: "openBillingPortal",
        security: "session",
        description:
          "Owners and admins get a Stripe customer-portal URL (payment method, invoices, cancellation). 409 `billing-disabled` when billing is off, `no-billing-account` before the first checkout.",
        requestExample: { return_path: "/project/billing" },
        responses: {
          200: { description: "Where to send the browser", schema: billingRedirectSchema, example: { url: "https://billing.stripe.com/p/session/test_a1b2" } },
        },
        errors: [400, 401, 403, 404, 409, 429],
      }),
      validate("param", wsParam),
      validate("json", returnBody),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
        return c.json(await openCustomerPortal(db, a.workspaceId, c.req.valid("json").return_path));
      },
    )
    .get(
      "/admin/revenue",
      describeRoute({
        summary: "Platform revenue (platform staff)",
        tags: ["admin"],
        operationId: "adminRevenue",
        security: "session",
        description:
          "Super admins and billing staff see MRR, active paid workspaces, subscriptions churned this month, failed payments this month and workspaces in grace, from the billing records the Stripe webhooks stored. `enabled: false` when billing is off.",
        responses: { 200: { description: "The revenue figures", schema: platformRevenueSchema } },
      }),
      async (c) => {
        await requirePlatformRole(deps, c, ["super_admin", "billing"]);
        return c.json(await platformRevenue(db));
      },
    );
}

const webhookResult = z.object({ received: z.literal(true), outcome: z.enum(["applied", "duplicate", "ignored"]) }).meta({ id: "StripeWebhookResult" });

/** POST /webhooks/stripe: Stripe's event deliveries (signature checked). */
export function stripeWebhookRoutes(deps: Deps) {
  return new Hono<AppEnv>().post(
    "/",
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: () => {
        throw new DomainError(413, "payload-too-large", "Payload too large", "The body is larger than 1 MiB.");
      },
    }),
    describeRoute({
      summary: "Receive Stripe events",
      tags: ["billing"],
      operationId: "receiveStripeWebhook",
      security: "none",
      description:
        "Stripe posts billing events (`checkout.session.completed`, `customer.subscription.updated`/`deleted`, `invoice.paid`, `invoice.payment_failed`). The `Stripe-Signature` header is checked against the endpoint's secret (STRIPE_WEBHOOK_SECRET): a wrong or missing signature is 400 and nothing is applied. A redelivered event id answers `duplicate`; events of other types or unknown customers `ignored`.",
      responses: { 200: { description: "The event was received", schema: webhookResult } },
      errors: [400, 413],
    }),
    async (c) => {
      const outcome = await handleStripeWebhook(deps.db, await c.req.text(), c.req.header("stripe-signature"));
      return c.json({ received: true as const, outcome });
    },
  );
}
