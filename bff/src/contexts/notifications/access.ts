/**
 * Seed 003 routes (`/events`, `/rules`, `/notifications/{id}/acknowledge`, `/projects/me/usage`…)
 * name no workspace: it is the caller's — an API key's own workspace, or a signed-in member's
 * active workspace (the session's `ws` claim). The usual guard then checks role or scope, so a
 * foreign resource id simply is not found in the caller's workspace (RLS-scoped reads).
 */
import type { AppContext, Deps } from "../../lib/http";
import { NotFound } from "../../lib/errors";
import { requireWorkspace, type WorkspaceAccess } from "../identity";
import { unauthorizedFor } from "../identity";
import type { WorkspaceRole } from "@nhood/contracts";

/** The caller's workspace with one of `roles` (people) or `scope` (API keys; omitted = refused). */
export function requireOwnWorkspace(deps: Deps, c: AppContext, opts: { roles: readonly WorkspaceRole[]; scope?: string }): Promise<WorkspaceAccess> {
  const p = c.get("principal");
  if (p.kind === "anonymous") throw unauthorizedFor(p);
  const ws = p.kind === "user" ? p.activeWorkspaceId : p.workspaceId;
  if (!ws) throw new NotFound("active workspace; switch to a workspace first");
  return requireWorkspace(deps, c, ws, opts);
}

/** The user id of a signed-in member (null for API keys). */
export function memberUserId(a: WorkspaceAccess): string | null {
  return a.principal.kind === "user" ? a.principal.userId : null;
}
