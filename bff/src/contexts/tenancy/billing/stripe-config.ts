/**
 * Billing configuration, read from the environment at each use (tests and e2e set it per run):
 * - `STRIPE_SECRET_KEY`: billing is on only when set; without it plans stay staff-managed.
 * - `STRIPE_WEBHOOK_SECRET`: the `whsec_…` secret of the webhook endpoint `/webhooks/stripe`.
 * - `STRIPE_PRICE_STARTER`, `STRIPE_PRICE_PROFESSIONAL`, `STRIPE_PRICE_ENTERPRISE`: the Stripe
 *   price (`price_…`, monthly, licensed) of each paid plan; a plan without one cannot be bought.
 * - `STRIPE_METER_EVENTS`, `STRIPE_METER_NOTIFICATIONS`: the Billing Meter event names overage is
 *   reported under (default `nhood_events_overage`, `nhood_notifications_overage`).
 * - `STRIPE_API_BASE`: another Stripe API origin (e.g. the local one of the tests,
 *   `http://127.0.0.1:12111`), given to the SDK as host, port and protocol.
 * - `NHOOD_BILLING_GRACE_DAYS`: days between a failed payment and suspension (default 7).
 */
import Stripe from "stripe";

/** True when billing through Stripe is on. */
export const billingEnabled = (): boolean => Boolean(process.env.STRIPE_SECRET_KEY);

/** Paid plans that may be bought, with their env variable. */
const PRICE_ENV: Record<string, string> = {
  starter: "STRIPE_PRICE_STARTER",
  professional: "STRIPE_PRICE_PROFESSIONAL",
  enterprise: "STRIPE_PRICE_ENTERPRISE",
};

/** The Stripe price id of `plan`, or null when the plan cannot be bought. */
export function priceOfPlan(plan: string): string | null {
  const env = PRICE_ENV[plan];
  return (env && process.env[env]) || null;
}

/** The plan whose Stripe price is `priceId`, or null. */
export function planOfPrice(priceId: string): string | null {
  return Object.keys(PRICE_ENV).find((p) => priceOfPlan(p) === priceId) ?? null;
}

/** The meter event name of an overage metric. */
export function meterEventName(metric: "events" | "notifications"): string {
  return metric === "events"
    ? (process.env.STRIPE_METER_EVENTS ?? "nhood_events_overage")
    : (process.env.STRIPE_METER_NOTIFICATIONS ?? "nhood_notifications_overage");
}

/** Grace period after a failed payment, in ms. */
export function graceMs(): number {
  const days = Number(process.env.NHOOD_BILLING_GRACE_DAYS ?? 7);
  return (Number.isFinite(days) && days >= 0 ? days : 7) * 86_400_000;
}

let cached: { key: string; base: string; client: Stripe } | null = null;

/** The Stripe client; throws when billing is off (callers check `billingEnabled` first). */
export function stripe(): Stripe {
  const key = process.env.STRIPE_SECRET_KEY;
  if (!key) throw new Error("billing is off (STRIPE_SECRET_KEY is not set)");
  const base = process.env.STRIPE_API_BASE ?? "";
  if (cached?.key !== key || cached.base !== base) {
    const u = base ? new URL(base) : null;
    const client = new Stripe(key, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      ...(u && { host: u.hostname, port: u.port || (u.protocol === "https:" ? 443 : 80), protocol: u.protocol.replace(":", "") as "http" | "https" }),
    });
    cached = { key, base, client };
  }
  return cached.client;
}

/** The webhook signing secret; null when unset (every webhook is then refused). */
export const webhookSecret = (): string | null => process.env.STRIPE_WEBHOOK_SECRET ?? null;
