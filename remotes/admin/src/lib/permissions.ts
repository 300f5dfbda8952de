/**
 * What the signed-in staff member may do, to show only the buttons that will work. The BFF
 * enforces the same rules (bff/src/contexts/platform/admin/roles.ts); this only avoids offering
 * actions that would answer 403.
 */
import { useSession, type PlatformRole } from "@nhood/web-kit";

export function usePlatformRole(): PlatformRole | null {
  return useSession((s) => (s.me?.kind === "user" ? s.me.user.platform_role : null));
}

export const canManageWorkspaces = (r: PlatformRole | null) => r === "super_admin";
export const canEditPlans = (r: PlatformRole | null) => r === "super_admin" || r === "billing";
export const canReadOperations = (r: PlatformRole | null) => r === "super_admin" || r === "support";
