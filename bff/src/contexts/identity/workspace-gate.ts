/**
 * What identity asks of workspaces, as a port. Identity sits below tenancy (every context's
 * routes use identity's guards, and tenancy's sign-up creates identity's owner), so it cannot
 * import tenancy; tenancy implements this gate and binds it when its entry point loads
 * (tenancy/index.ts), which the app and the job runner always import. A call before that is a
 * wiring bug and throws.
 */
import type { Database, Tx } from "../../db/client";
import { DomainError } from "../../lib/errors";

/** 403 problem `workspace-suspended`: the workspace exists but may not be used now. */
export class WorkspaceSuspended extends DomainError {
  constructor(detail = "This workspace is suspended. Its data is kept; contact NeighbourHood support to reactivate it.") {
    super(403, "workspace-suspended", "Workspace suspended", detail);
  }
}

export type WorkspaceState = { status: "active" | "suspended"; deletedAt: Date | null };

export interface WorkspaceGate {
  /** True when a workspace in state `w` may be used (active and not soft-deleted). */
  isUsable(w: WorkspaceState): boolean;
  /**
   * Throws WorkspaceSuspended when `workspaceId` is suspended or soft-deleted (unknown ids pass).
   * With `inScope`, `db` is a transaction already scoped to that workspace.
   */
  assertActive(db: Database | Tx, workspaceId: string, inScope?: boolean): Promise<void>;
  /** Of `workspaceIds`, the usable ones, in the given order (in a transaction that may read them). */
  usableIds(tx: Tx, workspaceIds: string[]): Promise<string[]>;
  /** The names of `workspaceIds` (those `tx` may read), by id. */
  namesOf(tx: Tx, workspaceIds: string[]): Promise<Map<string, string>>;
  /**
   * Before a member is added to `workspaceId` (in a transaction scoped to it): throws the quota
   * error when the plan's `users` are taken. `countMembers` answers the current member count and
   * is called only when the plan has a limit, under the gate's lock.
   */
  admitMember(tx: Tx, workspaceId: string, countMembers: () => Promise<number>): Promise<void>;
}

let bound: WorkspaceGate | null = null;

/** Binds the implementation (tenancy's, once per process). */
export function bindWorkspaceGate(gate: WorkspaceGate): void {
  bound = gate;
}

/** The bound gate; throws when nothing bound one. */
export function workspaceGate(): WorkspaceGate {
  if (!bound) throw new Error("identity has no workspace gate bound (tenancy/index.ts binds it)");
  return bound;
}
