/**
 * Login throttling per client address (OWASP Authentication Cheat Sheet, "Login Throttling";
 * ASVS 5.0 6.3.1). The account lockout (sessions.ts: 10 wrong passwords lock one account) stops
 * guessing one account's password; this stops one address trying passwords across many accounts
 * (password spraying). After `NH_SIGN_IN_FAILURES_PER_IP` (default 30) failed sign-ins from an
 * address within 15 minutes, its sign-ins get 429 problem+json with `Retry-After` until the
 * window ends, each refusal audited as `auth.sign_in_throttled`. Failures are counted by
 * rate-limiter-flexible in PostgreSQL (`rate_limits`), so the limit holds across BFF processes.
 * A request whose address is unknown is not throttled by address (the lockout still applies).
 */
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type postgres from "postgres";
import type { Database } from "../../db/client";
import { TooManyRequests } from "../../lib/errors";
import { storeClient } from "../../lib/rate-limit";
import { recordDomainEvent } from "../../kernel/events";

export const SIGN_IN_THROTTLE_WINDOW_SECONDS = 15 * 60;

/** Failed sign-ins an address may make per window (env NH_SIGN_IN_FAILURES_PER_IP, default 30). */
export function signInFailuresPerIp(): number {
  return Number(process.env.NH_SIGN_IN_FAILURES_PER_IP ?? 30);
}

export interface SignInThrottle {
  /** throws TooManyRequests (and audits it) when `ip` has used up its failed sign-ins */
  assertAllowed: (ip: string | null, email: string) => Promise<void>;
  /** counts one failed sign-in from `ip` */
  recordFailure: (ip: string | null) => Promise<void>;
}

export function signInThrottle(db: Database, sql: postgres.Sql): SignInThrottle {
  const limiters = new Map<number, RateLimiterPostgres>();
  const limiter = () => {
    const points = signInFailuresPerIp();
    let l = limiters.get(points);
    if (!l) {
      l = new RateLimiterPostgres({
        storeClient: storeClient(sql),
        storeType: "client",
        tableName: "rate_limits",
        tableCreated: true,
        keyPrefix: `signin-ip${points}`,
        points,
        duration: SIGN_IN_THROTTLE_WINDOW_SECONDS,
        clearExpiredByTimeout: false,
      });
      limiters.set(points, l);
    }
    return l;
  };
  return {
    assertAllowed: async (ip, email) => {
      if (!ip) return;
      const res = await limiter().get(ip);
      if (!res || res.consumedPoints < signInFailuresPerIp()) return;
      await recordDomainEvent(db, { workspaceId: null, type: "auth.sign_in_throttled", payload: { email, reason: "too_many_failures_from_address" } });
      throw new TooManyRequests("Too many failed sign-ins from this address. Try again later.", Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
    },
    recordFailure: async (ip) => {
      if (!ip) return;
      await limiter()
        .penalty(ip, 1)
        .catch((e) => {
          if (!(e instanceof RateLimiterRes)) throw e;
        });
    },
  };
}
