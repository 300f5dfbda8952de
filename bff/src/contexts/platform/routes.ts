/**
 * Platform routes: health and the portal registry the shell loads at runtime.
 * `GET /api/health`: 200 `{status: "ok", database: "ok"}`, or 503 problem+json with
 * `database: "unreachable"` and Retry-After when `select 1` fails or takes over 2 s.
 */
import { Hono } from "hono";
import { sql } from "drizzle-orm";
import type { AppEnv, Deps } from "../../lib/http";
import { unauthorizedFor } from "../identity";
import { loadUser } from "../identity";
import { portalsFor } from "./portals";
import { problemResponse } from "../../lib/problem";

export function healthRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/health", async (c) => {
    try {
      await Promise.race([
        deps.db.execute(sql`select 1`),
        new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000)),
      ]);
      return c.json({ status: "ok", database: "ok" });
    } catch {
      // problem+json like every other error; `database` says which dependency is down
      return problemResponse(c, 503, "unavailable", "Service unavailable", "The database is unreachable; retry shortly.", undefined,
        { "retry-after": "5", "cache-control": "no-store" }, { database: "unreachable" });
    }
  });
}

export function portalRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/portals", async (c) => {
    const p = c.get("principal");
    if (p.kind === "end_user") return c.json({ portals: portalsFor({ endUser: true, platformRole: null, roles: [] }) });
    if (p.kind !== "user") throw unauthorizedFor(p);
    const user = await loadUser(deps.db, p.userId);
    const active = user?.memberships.find((m) => m.workspace_id === p.activeWorkspaceId) ?? user?.memberships[0];
    return c.json({ portals: portalsFor({ endUser: false, platformRole: p.platformRole, roles: active ? [active.role] : [] }) });
  });
}
