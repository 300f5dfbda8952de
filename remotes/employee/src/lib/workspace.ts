/** The active workspace id and the signed-in person's role in it (from the session's `/me`). */
import { useActiveWorkspaceId, useSession } from "@nhood/web-kit";

export function useWorkspace(): { ws: string; role: string | null; isAdmin: boolean } {
  const ws = useActiveWorkspaceId() ?? "";
  const role = useSession((s) => (s.me?.kind === "user" ? (s.me.workspace?.role ?? null) : null));
  return { ws, role, isAdmin: role === "owner" || role === "admin" };
}
