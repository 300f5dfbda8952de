/**
 * The subscription a new workspace starts with (issue 16, decision 031). Sign-up asks
 * `chooseInitialSubscription` once, inside its transaction:
 * - a free plan (price 0) applies at once: `active`, no trial;
 * - a paid or custom-priced plan starts a trial of `NHOOD_TRIAL_DAYS` (default 14) days on that
 *   plan: `trialing`; when it ends without a payment, the trial-end job moves the workspace to
 *   `free` (trial-end.ts) — the plan rules that apply today, no suspension;
 * - an unknown plan id is a 400 on `#/plan`.
 * Billing through Stripe (issue 16 part 2) extends this one function: a paid plan with
 * `STRIPE_SECRET_KEY` set answers `checkout_required` and a `checkoutUrl`.
 */
import type { Tx } from "../../db/client";
import { ValidationFailed } from "../../lib/errors";
import { planById, type PlanRow } from "./plans";
import { checkoutForNewWorkspace } from "./billing/service";

/** Days of trial a paid plan gets at sign-up (`NHOOD_TRIAL_DAYS`, default 14; 0 turns trials off). */
export const trialDays = (): number => Math.max(0, Number(process.env.NHOOD_TRIAL_DAYS ?? 14));

/** True when `plan` costs nothing (a sign-up on it needs no trial or payment). */
export const isFreePlan = (plan: Pick<PlanRow, "priceCents">): boolean => plan.priceCents === 0;

export interface InitialSubscription {
  /** the plan id the workspace is created on */
  plan: string;
  status: "active" | "trialing" | "checkout_required";
  /** end of the trial, or null */
  trialEndsAt: Date | null;
  /** a payment page to send the owner to (billing on), or null */
  checkoutUrl: string | null;
}

export interface SubscriptionRequest {
  workspaceId: string;
  /** the plan id asked for at sign-up (default `free`) */
  planId: string;
  ownerEmail: string;
  now: Date;
  /** platform staff (or the demo seed) chose the plan: it applies at once, no trial or payment */
  byStaff?: boolean;
}

/**
 * Decides the plan and subscription state of a workspace being created (in the sign-up's
 * transaction). Throws ValidationFailed on `#/plan` when the plan does not exist.
 */
export async function chooseInitialSubscription(tx: Tx, req: SubscriptionRequest): Promise<InitialSubscription> {
  const plan = await planById(tx, req.planId);
  if (!plan) {
    throw new ValidationFailed(
      [{ pointer: "#/plan", detail: `unknown plan "${req.planId}"; use one of the ids from GET /api/v1/plans` }],
      "There is no such plan.",
    );
  }
  // billing on (decision 032): a paid plan is bought through Stripe Checkout; the workspace stays
  // on free until the `checkout.session.completed` webhook moves it
  if (!req.byStaff && !isFreePlan(plan)) {
    const checkoutUrl = await checkoutForNewWorkspace({ workspaceId: req.workspaceId, plan: plan.id, email: req.ownerEmail });
    if (checkoutUrl) return { plan: "free", status: "checkout_required", trialEndsAt: null, checkoutUrl };
  }
  const days = trialDays();
  if (req.byStaff || isFreePlan(plan) || days === 0) return { plan: plan.id, status: "active", trialEndsAt: null, checkoutUrl: null };
  return { plan: plan.id, status: "trialing", trialEndsAt: new Date(req.now.getTime() + days * 86_400_000), checkoutUrl: null };
}
