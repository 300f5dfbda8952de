/**
 * Retry schedule of the Standard Webhooks example: immediately, then 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h, 10 h (8 attempts), each delay stretched by up to 10 % random jitter so failing
 * receivers are not hit in lockstep. A `Retry-After` longer than the scheduled delay wins
 * (capped at 10 h).
 */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** an endpoint failing this long without a success is disabled */
export const DISABLE_AFTER_MS = 5 * 86_400_000;

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds from `now`. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * When attempt number `attempt` (1-based, just failed) should be followed by the next one, or
 * null when the schedule is exhausted. `random` in [0, 1) (injectable for tests).
 */
export function nextAttemptAt(attempt: number, now: Date, retryAfter: number | null = null, random = Math.random()): Date | null {
  const base = RETRY_DELAYS_MS[attempt - 1];
  if (base === undefined) return null;
  const delay = Math.min(Math.max(base * (1 + 0.1 * random), retryAfter ?? 0), 36_000_000);
  return new Date(now.getTime() + delay);
}
