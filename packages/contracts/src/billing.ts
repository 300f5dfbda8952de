/**
 * Billing through Stripe (issue #16 parts 2 and 5, docs/decisions/032-stripe-billing.md): a
 * separate entry point (`@nhood/contracts/billing`), outside the package index, so the shell's
 * budgeted initial bundle does not grow with the billing and revenue screens.
 */
import { z } from "zod";

/** Where the workspace stands with payment: `ok`, `grace` (a payment failed; suspension at `grace_until`) or `suspended` (for non-payment). */
export const paymentStates = ["ok", "grace", "suspended"] as const;

/** One past invoice as Stripe reports it (amounts in the currency's minor unit). */
export const billingInvoiceSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  status: z.string().nullable(),
  amount_due: z.number().int(),
  amount_paid: z.number().int(),
  currency: z.string(),
  created: z.string(),
  hosted_invoice_url: z.string().nullable(),
});
export type BillingInvoice = z.infer<typeof billingInvoiceSchema>;

/**
 * The workspace's Billing screen. `enabled` false: billing is off on this installation
 * (no STRIPE_SECRET_KEY), plans are changed by platform staff, every other field but `plan`,
 * `paid_plans` and `payment_state` is null or empty.
 */
export const billingSummarySchema = z
  .object({
    enabled: z.boolean(),
    plan: z.string(),
    /** paid plans a member may check out (those with a Stripe price) */
    paid_plans: z.array(z.object({ id: z.string(), name: z.string(), price_cents: z.number().int().nullable(), overage: z.boolean() })),
    subscription_status: z.string().nullable(),
    payment_state: z.enum(paymentStates),
    grace_until: z.string().nullable(),
    current_period_end: z.string().nullable(),
    next_invoice: z.object({ amount_due: z.number().int(), currency: z.string(), date: z.string().nullable() }).nullable(),
    payment_method: z.object({ brand: z.string(), last4: z.string(), exp_month: z.number().int(), exp_year: z.number().int() }).nullable(),
    invoices: z.array(billingInvoiceSchema),
  })
  .meta({ id: "BillingSummary" });
export type BillingSummary = z.infer<typeof billingSummarySchema>;

/** The banner every portal shows while a payment has failed. */
export const billingStatusSchema = z
  .object({ enabled: z.boolean(), payment_state: z.enum(paymentStates), grace_until: z.string().nullable() })
  .meta({ id: "BillingStatus" });
export type BillingStatus = z.infer<typeof billingStatusSchema>;

export const checkoutRequestSchema = z.object({ plan: z.string().min(1).max(40) });
export type CheckoutRequest = z.infer<typeof checkoutRequestSchema>;

/** A Stripe-hosted page to send the browser to (Checkout or the customer portal). */
export const billingRedirectSchema = z.object({ url: z.string() }).meta({ id: "BillingRedirect" });
export type BillingRedirect = z.infer<typeof billingRedirectSchema>;

/** Platform revenue (seed 003 §19), from the billing records the webhooks stored. Amounts in USD cents. */
export const platformRevenueSchema = z
  .object({
    enabled: z.boolean(),
    mrr_cents: z.number().int(),
    active_paid_workspaces: z.number().int(),
    churned_this_month: z.number().int(),
    failed_payments_this_month: z.number().int(),
    in_grace: z.number().int(),
    by_plan: z.array(z.object({ plan: z.string(), workspaces: z.number().int(), mrr_cents: z.number().int() })),
  })
  .meta({ id: "PlatformRevenue" });
export type PlatformRevenue = z.infer<typeof platformRevenueSchema>;
