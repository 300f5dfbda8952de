/**
 * Who is signed in, their active workspace and the portals they may open (zustand; shared by
 * the shell and every portal because web-kit is a federation singleton).
 */
import type { Me, Portal } from "@nhood/contracts";
import { create } from "zustand";

export type SessionStatus = "loading" | "signed-out" | "signed-in";

export interface SessionState {
  status: SessionStatus;
  me: Me | null;
  portals: Portal[];
  setSession: (me: Me, portals: Portal[]) => void;
  signedOut: () => void;
}

export const useSession = create<SessionState>((set) => ({
  status: "loading",
  me: null,
  portals: [],
  setSession: (me, portals) => set({ status: "signed-in", me, portals }),
  signedOut: () => set({ status: "signed-out", me: null, portals: [] }),
}));

/** The active workspace id (from `GET /api/v1/me`), or null for platform staff without one. */
export function useActiveWorkspaceId(): string | null {
  return useSession((s) => s.me?.workspace?.id ?? null);
}

/** Display name and email of whoever is signed in (a user or an end user). */
export function useIdentity(): { name: string; email: string | null } | null {
  const me = useSession((s) => s.me);
  if (!me) return null;
  if (me.kind === "user") return { name: me.user.name, email: me.user.email };
  return { name: me.end_user.name ?? me.end_user.external_user_id, email: me.end_user.email };
}
