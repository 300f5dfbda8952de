/**
 * When an OAuth access token is refreshed: once 80 % of its own lifetime (`expires_in`, RFC 6749
 * §5.1) has passed, and never sooner than 10 s after it was issued (unless it has expired). A
 * fixed margin does not work for every provider: with a 5-minute margin a token that lives 5
 * minutes or less is "due" the moment it is issued, and every use and every scheduled job
 * refreshed it again (issue 14: 86–141 refresh grants in 3 s). The background job and the
 * on-use check read the same due time, stored with the token (`connections.refresh_due_at`).
 */

/** The share of a token's lifetime after which it is refreshed. */
export const REFRESH_AT_FRACTION = 0.8;
/** The least time between two refreshes of a token that has not expired yet. */
export const MIN_REFRESH_INTERVAL_MS = 10_000;
/** Tokens stored before the due time existed (refresh_due_at null): due this long before expiry. */
export const LEGACY_REFRESH_MARGIN_MS = 60_000;

/**
 * The instant a token issued at `issuedAt` with a lifetime of `expiresInSeconds` is due for a
 * refresh; null when the provider gave no lifetime (the token is not refreshed ahead of time).
 */
export function refreshDueAt(issuedAt: Date, expiresInSeconds: number | null): Date | null {
  if (expiresInSeconds == null || !Number.isFinite(expiresInSeconds)) return null;
  const lifetimeMs = Math.max(0, expiresInSeconds * 1000);
  const afterMs = Math.max(lifetimeMs * REFRESH_AT_FRACTION, Math.min(lifetimeMs, MIN_REFRESH_INTERVAL_MS));
  return new Date(issuedAt.getTime() + afterMs);
}

/**
 * When a stored token is due: its `refreshDueAt`, or for a token stored without one,
 * `LEGACY_REFRESH_MARGIN_MS` before `expiresAt`; never later than its expiry. Null when it has
 * no expiry.
 */
export function dueTimeOf(row: { expiresAt: Date | null; refreshDueAt: Date | null }): Date | null {
  if (!row.expiresAt) return row.refreshDueAt;
  const fallback = row.expiresAt.getTime() - LEGACY_REFRESH_MARGIN_MS;
  return new Date(Math.min(row.refreshDueAt?.getTime() ?? fallback, row.expiresAt.getTime()));
}

/** Whether a stored token is due for a refresh at `now` (ms since the epoch). */
export function isRefreshDue(row: { expiresAt: Date | null; refreshDueAt: Date | null }, now = Date.now()): boolean {
  const due = dueTimeOf(row);
  return due != null && due.getTime() <= now;
}
