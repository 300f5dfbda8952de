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
import { describeRoute } from "../../lib/describe";
import { healthSchema, portalsResponseSchema } from "@nhood/contracts";

export function healthRoutes(deps: Deps) {
  return new Hono<AppEnv>().get(
    "/health",
    describeRoute({
      summary: "Check health",
      tags: ["platform"],
      operationId: "getHealth",
      security: "none",
      description:
        'Anyone (a load balancer, an orchestrator) may ask: 200 when the process serves and the database answers `select 1` within 2 s; otherwise a 503 problem with `database: "unreachable"` and Retry-After.',
      responses: { 200: { description: "Serving", schema: healthSchema, example: { status: "ok", database: "ok" } } },
      errors: [503],
    }),
    async (c) => {
      try {
        await Promise.race([deps.db.execute(sql`select 1`), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000))]);
        return c.json({ status: "ok", database: "ok" });
      } catch {
        // problem+json like every other error; `database` says which dependency is down
        return problemResponse(
          c,
          503,
          "unavailable",
          "Service unavailable",
          "The database is unreachable; retry shortly.",
          undefined,
          { "retry-after": "5", "cache-control": "no-store" },
          { database: "unreachable" },
        );
      }
    },
  );
}

export function portalRoutes(deps: Deps) {
  return new Hono<AppEnv>().get(
    "/portals",
    describeRoute({
      summary: "List the portals I may open",
      tags: ["platform"],
      operationId: "listPortals",
      security: "any",
      description:
        "A signed-in person (by their platform role and their role in the active workspace) or an end user in a connect session gets the portals they may open, with the `mf-manifest.json` the shell loads each from at runtime. Anyone else gets a 401.",
      responses: { 200: { description: "The caller's portals", schema: portalsResponseSchema } },
      errors: [401],
    }),
    async (c) => {
      const p = c.get("principal");
      if (p.kind === "end_user") return c.json({ portals: portalsFor({ endUser: true, platformRole: null, roles: [] }) });
      if (p.kind !== "user") throw unauthorizedFor(p);
      const user = await loadUser(deps.db, p.userId);
      const active = user?.memberships.find((m) => m.workspace_id === p.activeWorkspaceId) ?? user?.memberships[0];
      return c.json({ portals: portalsFor({ endUser: false, platformRole: p.platformRole, roles: active ? [active.role] : [] }) });
    },
  );
}
