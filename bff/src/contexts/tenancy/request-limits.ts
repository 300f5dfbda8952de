/**
 * The request limit of a workspace's plan (`plans.requests_per_hour`), cached per workspace for
 * a minute so the rate limiter does not add a query to every request. A plan with no limit
 * (null, e.g. enterprise) answers Infinity; a workspace whose plan row is missing gets the seed's
 * default of 5,000 per hour.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { withWorkspace } from "../../db/tenant";
import { DEFAULT_REQUESTS_PER_HOUR } from "../../lib/rate-limit";
import { workspacePlanSql } from "./plans";

const TTL_MS = 60_000;

export function planRequestsPerHour(db: Database): (workspaceId: string) => Promise<number> {
  const cache = new Map<string, { limit: number; until: number }>();
  return async (workspaceId) => {
    const hit = cache.get(workspaceId);
    if (hit && hit.until > Date.now()) return hit.limit;
    const rows = await withWorkspace(db, workspaceId, (tx) =>
      tx.execute<{ limit: number | null }>(sql`
      select p.requests_per_hour as limit from plans p where p.id = ${workspacePlanSql(sql`${workspaceId}`)}`),
    );
    const limit = rows.length === 0 ? DEFAULT_REQUESTS_PER_HOUR : (rows[0]!.limit ?? Number.POSITIVE_INFINITY);
    cache.set(workspaceId, { limit, until: Date.now() + TTL_MS });
    return limit;
  };
}
