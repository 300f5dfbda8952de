/**
 * A port for `GET /auth/me` of an end user in a connect session: identity authenticates the
 * session but integrations owns end users, and identity sits below integrations. Integrations
 * binds the lookup when its entry point loads (integrations/index.ts).
 */
import type { Tx } from "../../db/client";
import type { Me } from "@nhood/contracts";

export type EndUserProfile = Extract<Me, { kind: "end_user" }>["end_user"];
type Lookup = (tx: Tx, workspaceId: string, endUserId: string) => Promise<EndUserProfile | null>;

let bound: Lookup | null = null;

/** Binds the end-user lookup (integrations', once per process). */
export function bindEndUserProfile(lookup: Lookup): void {
  bound = lookup;
}

/** The end user's profile in `tx` (scoped to their workspace); null when they no longer exist. */
export function endUserProfile(tx: Tx, workspaceId: string, endUserId: string): Promise<EndUserProfile | null> {
  if (!bound) throw new Error("identity has no end-user lookup bound (integrations/index.ts binds it)");
  return bound(tx, workspaceId, endUserId);
}
