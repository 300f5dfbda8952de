/**
 * Retry delays: exponential backoff with "equal jitter" (AWS Architecture Blog, "Exponential
 * Backoff and Jitter"): half the capped exponential delay is fixed, the other half random, so
 * retries of many failed steps spread out instead of arriving together.
 */
export interface RetryPolicy {
  maxAttempts: number;
  backoff: "exponential" | "fixed";
  initialDelayMs: number;
  maxDelayMs: number;
}

/** Milliseconds to wait before attempt `nextAttempt` (2 = the first retry). */
export function retryDelayMs(policy: RetryPolicy, nextAttempt: number, random: () => number = Math.random): number {
  const raw = policy.backoff === "fixed" ? policy.initialDelayMs : policy.initialDelayMs * 2 ** Math.max(0, nextAttempt - 2);
  const capped = Math.min(raw, policy.maxDelayMs);
  return Math.round(capped / 2 + random() * (capped / 2));
}
