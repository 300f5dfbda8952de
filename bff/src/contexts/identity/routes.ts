/**
 * Identity routes: sign-in sessions, the caller (`/me`), API keys, members and the team.
 */
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import {
  addMemberRequestSchema, createApiKeyRequestSchema, loginRequestSchema, switchWorkspaceRequestSchema,
  updateMemberRequestSchema, type Me,
} from "@nhood/contracts";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { NotFound, Unauthorized } from "../../lib/errors";
import { CSRF_COOKIE, REFRESH_COOKIE, assertCsrf, unauthorizedFor } from "./principal";
import { clearSessionCookies, setSessionCookies } from "./cookies";
import { loadUser, refreshSession, signIn, signOut } from "./sessions";
import { signInThrottle } from "./sign-in-throttle";
import { currentRequest } from "../../lib/request-context";
import { signAccessToken } from "./tokens";
import { ADMIN_ROLES, ALL_ROLES, DEVELOPER_ROLES, requireUser, requireWorkspace } from "./guards";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys";
import { listMembers, loadTeam } from "./hierarchy";
import { addMember, updateMember } from "./members";
import { config } from "../../config";
import { endUsers } from "../integrations/schema";
import { workspaces } from "../tenancy/schema";
import { eq } from "drizzle-orm";

const wsParam = z.object({ workspace_id: z.string() });
const keyParam = wsParam.extend({ key_id: z.uuid() });
const memberParam = wsParam.extend({ membership_id: z.uuid() });

export function identityRoutes(deps: Deps) {
  const { db } = deps;
  const throttle = signInThrottle(db, deps.sql);
  return new Hono<AppEnv>()
    .post("/auth/login", validate("json", loginRequestSchema), async (c) => {
      const { email, password } = c.req.valid("json");
      const ip = currentRequest().ip;
      await throttle.assertAllowed(ip, email);
      const session = await signIn(db, email, password).catch(async (e) => {
        if (e instanceof Unauthorized) await throttle.recordFailure(ip);
        throw e;
      });
      setSessionCookies(c, session.response.access_token, session.refreshToken);
      return c.json(session.response);
    })
    .post("/auth/refresh", async (c) => {
      const token = getCookie(c, REFRESH_COOKIE);
      if (!token) throw new Unauthorized("No refresh token; sign in again.");
      assertCsrf(c.req.header("x-csrf-token"), getCookie(c, CSRF_COOKIE));
      try {
        const session = await refreshSession(db, token);
        setSessionCookies(c, session.response.access_token, session.refreshToken);
        return c.json(session.response);
      } catch (e) {
        clearSessionCookies(c);
        throw e;
      }
    })
    .post("/auth/logout", async (c) => {
      const token = getCookie(c, REFRESH_COOKIE);
      if (token) assertCsrf(c.req.header("x-csrf-token"), getCookie(c, CSRF_COOKIE));
      await signOut(db, token);
      clearSessionCookies(c);
      return c.body(null, 204);
    })
    .post("/auth/switch-workspace", validate("json", switchWorkspaceRequestSchema), async (c) => {
      const { workspace_id } = c.req.valid("json");
      await requireWorkspace(deps, c, workspace_id, { roles: ALL_ROLES });
      const token = getCookie(c, REFRESH_COOKIE);
      if (token) {
        const session = await refreshSession(db, token, workspace_id);
        setSessionCookies(c, session.response.access_token, session.refreshToken);
        return c.json(session.response);
      }
      const p = requireUser(c);
      const user = (await loadUser(db, p.userId))!;
      const access = await signAccessToken({ sub: p.userId, typ: "user", ws: workspace_id });
      return c.json({ access_token: access, token_type: "Bearer" as const, expires_in: config.accessTokenSeconds, user, workspace_id });
    })
    .get("/me", async (c) => {
      const p = c.get("principal");
      if (p.kind === "end_user") {
        const found = await withWorkspace(db, p.workspaceId, async (tx) => ({
          eu: await tx.query.endUsers.findFirst({ where: eq(endUsers.id, p.endUserId) }),
          ws: await tx.query.workspaces.findFirst({ where: eq(workspaces.id, p.workspaceId) }),
        }));
        if (!found.eu || !found.ws) throw new Unauthorized("The end user no longer exists.");
        const me: Me = {
          kind: "end_user",
          end_user: { id: found.eu.id, external_user_id: found.eu.externalUserId, email: found.eu.email, name: found.eu.name, created_at: found.eu.createdAt.toISOString() },
          workspace: { id: found.ws.id, name: found.ws.name },
        };
        return c.json(me);
      }
      if (p.kind !== "user") throw unauthorizedFor(p);
      const user = await loadUser(db, p.userId);
      if (!user) throw new Unauthorized();
      const active = user.memberships.find((m) => m.workspace_id === p.activeWorkspaceId) ?? user.memberships[0] ?? null;
      const me: Me = { kind: "user", user, workspace: active ? { id: active.workspace_id, name: active.workspace_name, role: active.role } : null };
      return c.json(me);
    })
    .get("/workspaces/:workspace_id/api-keys", validate("param", wsParam), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: DEVELOPER_ROLES });
      return c.json({ items: await withWorkspace(db, a.workspaceId, (tx) => listApiKeys(tx, a.workspaceId)) });
    })
    .post("/workspaces/:workspace_id/api-keys", validate("param", wsParam), validate("json", createApiKeyRequestSchema), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: DEVELOPER_ROLES });
      const p = c.get("principal");
      const created = await withWorkspace(db, a.workspaceId, (tx) => createApiKey(tx, a.workspaceId, c.req.valid("json"), p.kind === "user" ? p.userId : null));
      return c.json(created, 201);
    })
    .delete("/workspaces/:workspace_id/api-keys/:key_id", validate("param", keyParam), async (c) => {
      const { workspace_id, key_id } = c.req.valid("param");
      const a = await requireWorkspace(deps, c, workspace_id, { roles: DEVELOPER_ROLES });
      await withWorkspace(db, a.workspaceId, (tx) => revokeApiKey(tx, a.workspaceId, key_id));
      return c.body(null, 204);
    })
    .get("/workspaces/:workspace_id/members", validate("param", wsParam), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ALL_ROLES });
      return c.json({ items: await withWorkspace(db, a.workspaceId, (tx) => listMembers(tx, a.workspaceId)) });
    })
    .post("/workspaces/:workspace_id/members", validate("param", wsParam), validate("json", addMemberRequestSchema), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
      const id = await withWorkspace(db, a.workspaceId, (tx) => addMember(tx, a.workspaceId, c.req.valid("json")));
      return c.json({ membership_id: id }, 201);
    })
    .patch("/workspaces/:workspace_id/members/:membership_id", validate("param", memberParam), validate("json", updateMemberRequestSchema), async (c) => {
      const { workspace_id, membership_id } = c.req.valid("param");
      const a = await requireWorkspace(deps, c, workspace_id, { roles: ADMIN_ROLES });
      await withWorkspace(db, a.workspaceId, (tx) => updateMember(tx, a.workspaceId, membership_id, c.req.valid("json")));
      return c.body(null, 204);
    })
    .get("/workspaces/:workspace_id/team", validate("param", wsParam), async (c) => {
      const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ALL_ROLES });
      if (!a.membershipId) throw new NotFound("member");
      return c.json(await withWorkspace(db, a.workspaceId, (tx) => loadTeam(tx, a.membershipId!)));
    });
}
