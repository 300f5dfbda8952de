/**
 * Request rate limits per workspace and per API key, by plan (seed 001: 5,000 requests per hour
 * per workspace by default), counted by rate-limiter-flexible in Postgres (`rate_limits`) so the
 * limit holds across every BFF process.
 *
 * Answers carry the IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers:
 * `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` in seconds, `RateLimit-Policy`);
 * a refused request gets 429 problem+json with `Retry-After` (RFC 9110 §10.2.3).
 */
import { createMiddleware } from "hono/factory";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type postgres from "postgres";
import type { AppEnv } from "./http";
import { TooManyRequests } from "./errors";

const WINDOW_SECONDS = 3600;
export const DEFAULT_REQUESTS_PER_HOUR = 5000;

/** postgres.js behind the `{ query({text, values}) → {rows, rowCount} }` shape (node-postgres') the limiter's "client" store uses. */
export function storeClient(sql: postgres.Sql) {
  return {
    query: async (q: { text: string; values?: unknown[] }) => {
      const rows = await sql.unsafe(q.text, (q.values ?? []) as never[]);
      return { rows, rowCount: rows.length };
    },
  };
}

export interface RateLimitOptions {
  /** requests per hour for a workspace (its plan's limit; Infinity = none); default 5,000 */
  limitFor?: (workspaceId: string) => Promise<number>;
}

/** Hono middleware: counts the request against its workspace (and API key) and refuses above the limit. */
export function rateLimit(sql: postgres.Sql, opts: RateLimitOptions = {}) {
  const limiters = new Map<number, RateLimiterPostgres>();
  const limiterFor = (points: number) => {
    let l = limiters.get(points);
    if (!l) {
      l = new RateLimiterPostgres({
        storeClient: storeClient(sql),
        storeType: "client",
        tableName: "rate_limits",
        tableCreated: true,
        keyPrefix: `rl${points}`,
        points,
        duration: WINDOW_SECONDS,
        clearExpiredByTimeout: false,
      });
      limiters.set(points, l);
    }
    return l;
  };
  return createMiddleware<AppEnv>(async (c, next) => {
    const p = c.get("principal");
    const workspaceId = p.kind === "api_key" || p.kind === "end_user" ? p.workspaceId : p.kind === "user" ? p.activeWorkspaceId : null;
    if (!workspaceId) return next();
    const limit = (await opts.limitFor?.(workspaceId)) ?? DEFAULT_REQUESTS_PER_HOUR;
    if (!Number.isFinite(limit)) return next(); // the plan sets no limit
    const limiter = limiterFor(limit);
    const keys = [`ws:${workspaceId}`, ...(p.kind === "api_key" ? [`key:${p.apiKeyId}`] : [])];
    let tightest: RateLimiterRes | null = null;
    for (const key of keys) {
      try {
        const res = await limiter.consume(key);
        if (!tightest || res.remainingPoints < tightest.remainingPoints) tightest = res;
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        const retry = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        throw new TooManyRequests(
          `The ${key.startsWith("ws:") ? "workspace" : "API key"} made more than ${limit} requests this hour; retry in ${retry} s.`,
          retry,
          {
            "ratelimit-limit": String(limit),
            "ratelimit-remaining": "0",
            "ratelimit-reset": String(retry),
            "ratelimit-policy": `${limit};w=${WINDOW_SECONDS}`,
          },
        );
      }
    }
    await next();
    if (tightest) {
      c.header("RateLimit-Limit", String(limit));
      c.header("RateLimit-Remaining", String(tightest.remainingPoints));
      c.header("RateLimit-Reset", String(Math.max(0, Math.ceil(tightest.msBeforeNext / 1000))));
      c.header("RateLimit-Policy", `${limit};w=${WINDOW_SECONDS}`);
    }
  });
}
