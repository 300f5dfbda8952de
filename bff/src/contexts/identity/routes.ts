/**
 * Identity routes: sign-in sessions, the caller (`/me`), API keys, members and the team.
 */
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import {
  addMemberRequestSchema,
  createApiKeyRequestSchema,
  loginRequestSchema,
  loginResponseSchema,
  switchWorkspaceRequestSchema,
  updateMemberRequestSchema,
  type Me,
  addMemberResponseSchema,
  apiKeyListSchema,
  createdApiKeySchema,
  meSchema,
  memberListSchema,
  sessionResponseSchema,
  teamSchema,
} from "@nhood/contracts";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { describeRoute } from "../../lib/describe";
import { withWorkspace } from "../../db/tenant";
import { NotFound, Unauthorized } from "../../lib/errors";
import { CSRF_COOKIE, REFRESH_COOKIE, assertCsrf, forgetResolvedApiKeys, unauthorizedFor } from "./principal";
import { clearSessionCookies, setSessionCookies } from "./cookies";
import { loadUser, refreshSession, signIn, signOut } from "./sessions";
import { signInThrottle } from "./sign-in-throttle";
import { currentRequest } from "../../lib/request-context";
import { signAccessToken } from "./tokens";
import { ADMIN_ROLES, ALL_ROLES, DEVELOPER_ROLES, requireUser, requireWorkspace } from "./guards";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys";
import { clientKeyRoutes } from "./client-key-routes";
import { mfaRoutes } from "./mfa/routes";
import { ssoRoutes } from "./sso/routes";
import { onboardingRoutes } from "./onboarding-routes";
import { listMembers, loadTeam } from "./hierarchy";
import { addMember, updateMember } from "./members";
import { config } from "../../config";
import { endUserProfile } from "./end-user-profile";
import { workspaceGate } from "./workspace-gate";

const wsParam = z.object({ workspace_id: z.string() });
const keyParam = wsParam.extend({ key_id: z.uuid() });
const memberParam = wsParam.extend({ membership_id: z.uuid() });

export function identityRoutes(deps: Deps) {
  const { db } = deps;
  const throttle = signInThrottle(db, deps.sql);
  return new Hono<AppEnv>()
    .route("/", clientKeyRoutes(deps))
    .route("/", mfaRoutes(deps))
    .route("/", ssoRoutes(deps))
    .route("/", onboardingRoutes(deps))
    .post(
      "/auth/login",
      describeRoute({
        summary: "Sign in",
        tags: ["auth"],
        operationId: "signIn",
        security: "none",
        description:
          "Signs a person in with e-mail and password. Answers an access token (also set, with a rotating refresh token and a CSRF token, as httpOnly cookies) and the person with their memberships; the active workspace is their first one. A wrong e-mail or password is a 401; repeated failures from one address or for one account are throttled (429 with Retry-After). A disabled account, or an account whose only workspaces are suspended, is a 403 naming why. A person with a second factor, platform staff and members of a workspace that requires MFA get no session here but `mfa_required` with an `mfa_token` for `POST /auth/mfa/verify` (or, with no factor yet, `enrolment_required` and the enrolment routes).",
        requestExample: { email: "owner@acme.test", password: "correct horse battery staple" },
        responses: { 200: { description: "Signed in, or the second-factor step (`mfa_required`)", schema: loginResponseSchema } },
        errors: [400, 401, 403, 429],
      }),
      validate("json", loginRequestSchema),
      async (c) => {
        const { email, password } = c.req.valid("json");
        const ip = currentRequest().ip;
        await throttle.assertAllowed(ip, email);
        const session = await signIn(db, email, password).catch(async (e) => {
          if (e instanceof Unauthorized) await throttle.recordFailure(ip);
          throw e;
        });
        // a second factor is due: no token, no cookie, only the pending-MFA step (mfa/challenge.ts)
        if ("pending" in session) return c.json(session.pending);
        setSessionCookies(c, session.response.access_token, session.refreshToken);
        return c.json(session.response);
      },
    )
    .post(
      "/auth/refresh",
      describeRoute({
        summary: "Renew the session",
        tags: ["auth"],
        operationId: "refreshSession",
        security: "none",
        description:
          "Rotates the refresh token (the `nh_rt` cookie; the `X-CSRF-Token` header must match the `nh_csrf` cookie) and answers a new access token. A refresh token used twice revokes the whole session family (401); a missing or wrong CSRF token is a 403.",
        responses: { 200: { description: "A new access token", schema: sessionResponseSchema } },
        errors: [401, 403],
      }),
      async (c) => {
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
      },
    )
    .post(
      "/auth/logout",
      describeRoute({
        summary: "Sign out",
        tags: ["auth"],
        operationId: "signOut",
        security: "none",
        description:
          "Revokes the refresh token of this browser (if any; then the `X-CSRF-Token` header is required) and clears the session cookies. Signing out twice is harmless.",
        responses: { 204: { description: "Signed out" } },
        errors: [403],
      }),
      async (c) => {
        const token = getCookie(c, REFRESH_COOKIE);
        if (token) assertCsrf(c.req.header("x-csrf-token"), getCookie(c, CSRF_COOKIE));
        await signOut(db, token);
        clearSessionCookies(c);
        return c.body(null, 204);
      },
    )
    .post(
      "/auth/switch-workspace",
      describeRoute({
        summary: "Switch the active workspace",
        tags: ["auth"],
        operationId: "switchWorkspace",
        security: "session",
        description:
          "Makes another workspace the signed-in person's active one and answers a new access token for it (with a cookie session, the refresh token rotates too). The person must be a member: another workspace is a 404.",
        responses: { 200: { description: "A session in the chosen workspace", schema: sessionResponseSchema } },
      }),
      validate("json", switchWorkspaceRequestSchema),
      async (c) => {
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
      },
    )
    .get(
      "/me",
      describeRoute({
        summary: "Read who is calling",
        tags: ["auth"],
        operationId: "getMe",
        security: "any",
        description:
          "Answers the caller: a person (with memberships and the active workspace) or an end user in a connect session (with their workspace). Anyone else gets a 401.",
        responses: { 200: { description: "The caller", schema: meSchema } },
        errors: [401],
      }),
      async (c) => {
        const p = c.get("principal");
        if (p.kind === "end_user") {
          // the end user from integrations, the workspace's name from tenancy (both through ports)
          const found = await withWorkspace(db, p.workspaceId, async (tx) => ({
            eu: await endUserProfile(tx, p.workspaceId, p.endUserId),
            ws: (await workspaceGate().namesOf(tx, [p.workspaceId])).get(p.workspaceId),
          }));
          if (!found.eu || found.ws === undefined) throw new Unauthorized("The end user no longer exists.");
          const me: Me = { kind: "end_user", end_user: found.eu, workspace: { id: p.workspaceId, name: found.ws } };
          return c.json(me);
        }
        if (p.kind !== "user") throw unauthorizedFor(p);
        const user = await loadUser(db, p.userId);
        if (!user) throw new Unauthorized();
        const active = user.memberships.find((m) => m.workspace_id === p.activeWorkspaceId) ?? user.memberships[0] ?? null;
        const me: Me = { kind: "user", user, workspace: active ? { id: active.workspace_id, name: active.workspace_name, role: active.role } : null };
        return c.json(me);
      },
    )
    .get(
      "/workspaces/:workspace_id/api-keys",
      describeRoute({
        summary: "List API keys",
        tags: ["api-keys"],
        operationId: "listApiKeys",
        security: "session",
        description:
          "Owners, admins and developers see every API key of the workspace, newest first, with prefix, scopes and last use; the full key is never shown again after creation.",
        responses: { 200: { description: "The workspace's API keys", schema: apiKeyListSchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: DEVELOPER_ROLES });
        return c.json({ items: await withWorkspace(db, a.workspaceId, (tx) => listApiKeys(tx, a.workspaceId)) });
      },
    )
    .post(
      "/workspaces/:workspace_id/api-keys",
      describeRoute({
        summary: "Create an API key",
        tags: ["api-keys"],
        operationId: "createApiKey",
        security: "session",
        description:
          "Owners, admins and developers create an API key with a name, scopes (all by default) and an optional expiry. The answer carries the full key this once; only its hash is stored.",
        requestExample: { name: "CI", scopes: ["workflows", "events"] },
        responses: { 201: { description: "The key, shown this once", schema: createdApiKeySchema } },
      }),
      validate("param", wsParam),
      validate("json", createApiKeyRequestSchema),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: DEVELOPER_ROLES });
        const p = c.get("principal");
        const created = await withWorkspace(db, a.workspaceId, (tx) =>
          createApiKey(tx, a.workspaceId, c.req.valid("json"), p.kind === "user" ? p.userId : null),
        );
        return c.json(created, 201);
      },
    )
    .delete(
      "/workspaces/:workspace_id/api-keys/:key_id",
      describeRoute({
        summary: "Revoke an API key",
        tags: ["api-keys"],
        operationId: "revokeApiKey",
        security: "session",
        description:
          "Owners, admins and developers revoke a key; it is refused from the next request on. Revoking twice is a no-op; a key of another workspace is a 404.",
        responses: { 204: { description: "Revoked" } },
      }),
      validate("param", keyParam),
      async (c) => {
        const { workspace_id, key_id } = c.req.valid("param");
        const a = await requireWorkspace(deps, c, workspace_id, { roles: DEVELOPER_ROLES });
        await withWorkspace(db, a.workspaceId, (tx) => revokeApiKey(tx, a.workspaceId, key_id));
        forgetResolvedApiKeys(); // committed: this process no longer serves the key from memory
        return c.body(null, 204);
      },
    )
    .get(
      "/workspaces/:workspace_id/members",
      describeRoute({
        summary: "List members",
        tags: ["members"],
        operationId: "listMembers",
        security: "session",
        description: "Any member sees every member of the workspace with their role and manager, by name.",
        responses: { 200: { description: "The members", schema: memberListSchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ALL_ROLES });
        return c.json({ items: await withWorkspace(db, a.workspaceId, (tx) => listMembers(tx, a.workspaceId)) });
      },
    )
    .post(
      "/workspaces/:workspace_id/members",
      describeRoute({
        summary: "Add a member",
        tags: ["members"],
        operationId: "addMember",
        security: "session",
        description:
          "Owners and admins add a person (a new account with this initial password, or an existing one) with a role below owner and an optional manager. A person who is already a member, or a manager who is not one, is a 409.",
        requestExample: { email: "rep@acme.test", name: "Robin Rep", password: "a long initial password", role: "sales_rep" },
        responses: { 201: { description: "Added", schema: addMemberResponseSchema } },
        errors: [400, 401, 403, 404, 409, 429],
      }),
      validate("param", wsParam),
      validate("json", addMemberRequestSchema),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
        const id = await withWorkspace(db, a.workspaceId, (tx) => addMember(tx, a.workspaceId, c.req.valid("json")));
        return c.json({ membership_id: id }, 201);
      },
    )
    .patch(
      "/workspaces/:workspace_id/members/:membership_id",
      describeRoute({
        summary: "Change a member's role or manager",
        tags: ["members"],
        operationId: "updateMember",
        security: "session",
        description:
          "Owners and admins change a member's role (never to or from owner: 409) or manager (`reports_to`, null for none; a loop in the hierarchy is a 409).",
        responses: { 204: { description: "Changed" } },
        errors: [400, 401, 403, 404, 409, 429],
      }),
      validate("param", memberParam),
      validate("json", updateMemberRequestSchema),
      async (c) => {
        const { workspace_id, membership_id } = c.req.valid("param");
        const a = await requireWorkspace(deps, c, workspace_id, { roles: ADMIN_ROLES });
        await withWorkspace(db, a.workspaceId, (tx) => updateMember(tx, a.workspaceId, membership_id, c.req.valid("json")));
        return c.body(null, 204);
      },
    )
    .get(
      "/workspaces/:workspace_id/team",
      describeRoute({
        summary: "Read my team",
        tags: ["members"],
        operationId: "getTeam",
        security: "session",
        description:
          "A member sees themself, their manager and everyone below them in the reporting hierarchy (with depth: 1 = direct report). API keys have no team (404).",
        responses: { 200: { description: "The caller's place in the hierarchy", schema: teamSchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ALL_ROLES });
        if (!a.membershipId) throw new NotFound("member");
        return c.json(await withWorkspace(db, a.workspaceId, (tx) => loadTeam(tx, a.membershipId!)));
      },
    );
}
