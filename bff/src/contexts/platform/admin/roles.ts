/**
 * Who among platform staff may call which admin route (issue 7): `super_admin` everything,
 * `support` read-only, `billing` plans and quotas only (the plan tiers and a workspace's plan,
 * plus the workspace list and detail it needs to find one). Enforced by requirePlatformRole.
 */
import type { PlatformRole } from "@nhood/contracts";

/** Reading workspaces (list, detail with usage) and plans. */
export const WORKSPACE_READERS = ["super_admin", "support", "billing"] as const satisfies readonly PlatformRole[];
/** Reading staff, metrics and the audit log. */
export const OPERATIONS_READERS = ["super_admin", "support"] as const satisfies readonly PlatformRole[];
/** Editing plan tiers and changing a workspace's plan. */
export const PLAN_EDITORS = ["super_admin", "billing"] as const satisfies readonly PlatformRole[];
/** Every other write: create, suspend, reactivate, delete workspaces; staff accounts. */
export const SUPER_ADMIN = ["super_admin"] as const satisfies readonly PlatformRole[];
