/**
 * Route guards: turn the request's principal into the access a route needs, or throw.
 * Access to another workspace's resources answers 404 (its existence is not revealed); a
 * missing role or scope answers 403. Every refusal is recorded as an
 * `auth.authorization_failed` domain event (and so lands in the audit log).
 */
import { and, eq } from "drizzle-orm";
import type { Deps, AppContext } from "../../lib/http";
import { withUser } from "../../db/tenant";
import { Forbidden, NotFound } from "../../lib/errors";
import { recordDomainEvent } from "../../kernel/events";
import { memberships } from "./schema";
import { workspaceGate, WorkspaceSuspended } from "./workspace-gate";
import { unauthorizedFor, type Principal } from "./principal";
import type { PlatformRole, WorkspaceRole } from "@nhood/contracts";
import { logger } from "../../lib/logger";
import { findFirst } from "../../db/find-first";

export type UserPrincipal = Extract<Principal, { kind: "user" }>;
export type EndUserPrincipal = Extract<Principal, { kind: "end_user" }>;

export interface WorkspaceAccess {
  workspaceId: string;
  /** set for people; null for API keys */
  role: WorkspaceRole | null;
  membershipId: string | null;
  principal: Principal;
}

async function refuse(deps: Deps, c: AppContext, error: Forbidden | NotFound | WorkspaceSuspended, reason: string, targetWorkspaceId?: string): Promise<never> {
  const p = c.get("principal");
  const ownWorkspace = p.kind === "api_key" || p.kind === "end_user" ? p.workspaceId : p.kind === "user" ? p.activeWorkspaceId : null;
  try {
    await recordDomainEvent(deps.db, {
      workspaceId: ownWorkspace ?? null,
      type: "auth.authorization_failed",
      payload: { method: c.req.method, path: c.req.path, reason, principal_workspace_id: ownWorkspace ?? null, target_workspace_id: targetWorkspaceId ?? null },
    });
  } catch (e) {
    logger.error({ err: e }, "could not record an authorization failure");
  }
  throw error;
}

export function requireUser(c: AppContext): UserPrincipal {
  const p = c.get("principal");
  if (p.kind !== "user") throw unauthorizedFor(p);
  return p;
}

export async function requireEndUser(deps: Deps, c: AppContext): Promise<EndUserPrincipal> {
  const p = c.get("principal");
  if (p.kind === "end_user") {
    await workspaceGate().assertActive(deps.db, p.workspaceId); // 403 workspace-suspended (admin context, issue 7)
    return p;
  }
  if (p.kind === "anonymous") throw unauthorizedFor(p);
  return refuse(deps, c, new Forbidden("This route is for end users in a connect session."), "not_an_end_user");
}

export type ClientPrincipal = Extract<Principal, { kind: "client" }>;

/**
 * The client SDK's caller: a publishable key with a valid user signature (publishable-keys.ts).
 * Anything else is refused: 401 without a credential, 403 for other principals.
 */
export async function requireClientUser(deps: Deps, c: AppContext): Promise<ClientPrincipal> {
  const p = c.get("principal");
  if (p.kind === "client") {
    await workspaceGate().assertActive(deps.db, p.workspaceId);
    return p;
  }
  if (p.kind === "anonymous") throw unauthorizedFor(p);
  return refuse(deps, c, new Forbidden("This route is for the client SDK: a publishable key with a signed user."), "not_a_client_user");
}

/** A platform staff member holding one of `roles`. */
export async function requirePlatformRole(deps: Deps, c: AppContext, roles: readonly PlatformRole[]): Promise<UserPrincipal> {
  const p = c.get("principal");
  if (p.kind !== "user") {
    if (p.kind === "anonymous") throw unauthorizedFor(p);
    return refuse(deps, c, new Forbidden("Platform staff only."), "not_platform_staff");
  }
  if (!p.platformRole || !roles.includes(p.platformRole)) {
    return refuse(deps, c, new Forbidden(`Needs one of the platform roles: ${roles.join(", ")}.`), "platform_role_missing");
  }
  return p;
}

/**
 * Access to workspace `workspaceId` (from the route path) for a member holding one of `roles`
 * or an API key of that workspace holding `scope` (when `scope` is given; otherwise API keys
 * are refused).
 */
export async function requireWorkspace(
  deps: Deps,
  c: AppContext,
  workspaceId: string,
  opts: { roles: readonly WorkspaceRole[]; scope?: string },
): Promise<WorkspaceAccess> {
  const p = c.get("principal");
  if (p.kind === "anonymous") throw unauthorizedFor(p);
  const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(workspaceId);
  if (!uuidLike) throw new NotFound("workspace");
  if (p.kind === "api_key") {
    if (p.workspaceId !== workspaceId) return refuse(deps, c, new NotFound("workspace"), "foreign_workspace", workspaceId);
    if (!opts.scope) return refuse(deps, c, new Forbidden("API keys cannot use this route; sign in instead."), "api_key_not_allowed", workspaceId);
    if (!p.scopes.includes(opts.scope)) return refuse(deps, c, new Forbidden(`The API key lacks the \`${opts.scope}\` scope.`), "scope_missing", workspaceId);
    return { workspaceId, role: null, membershipId: null, principal: p };
  }
  if (p.kind === "end_user") return refuse(deps, c, new NotFound("workspace"), "end_user_on_workspace_route", workspaceId);
  // a publishable key opens the client SDK routes only (decision 027)
  if (p.kind === "client")
    return refuse(
      deps,
      c,
      new Forbidden("A publishable key can only call the client SDK routes (/api/v1/client/…)."),
      "publishable_key_not_allowed",
      workspaceId,
    );
  const [membership, usable] = await withUser(
    deps.db,
    p.userId,
    async (tx) =>
      [
        await findFirst(tx, memberships, and(eq(memberships.userId, p.userId), eq(memberships.workspaceId, workspaceId))),
        await workspaceGate().usableIds(tx, [workspaceId]),
      ] as const,
  );
  if (!membership) return refuse(deps, c, new NotFound("workspace"), "not_a_member", workspaceId);
  // a suspended workspace keeps its data but its sessions get a 403 (admin context, issue 7)
  if (usable.length === 0) return refuse(deps, c, new WorkspaceSuspended(), "workspace_suspended", workspaceId);
  // an admin's explicit grant in the role → permission mapping (contexts/access) widens the route's role set
  if (!opts.roles.includes(membership.role) && !c.get("permissionGranted")) {
    return refuse(deps, c, new Forbidden(`Needs one of the roles: ${opts.roles.join(", ")}.`), "role_missing", workspaceId);
  }
  return { workspaceId, role: membership.role, membershipId: membership.id, principal: p };
}

export const DEVELOPER_ROLES = ["owner", "admin", "developer"] as const satisfies readonly WorkspaceRole[];
export const ADMIN_ROLES = ["owner", "admin"] as const satisfies readonly WorkspaceRole[];
export const ALL_ROLES = ["owner", "admin", "developer", "sales_manager", "sales_rep", "member"] as const satisfies readonly WorkspaceRole[];
export const SALES_ROLES = ["owner", "admin", "sales_manager", "sales_rep"] as const satisfies readonly WorkspaceRole[];
