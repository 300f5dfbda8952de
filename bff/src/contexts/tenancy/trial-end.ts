/**
 * The end of a paid plan's trial (decision 031). Sign-up enqueues `tenancy.trial_end` at
 * `trial_ends_at` (key `trial:<workspace id>`); when it runs and the trial is still running (not
 * cleared by a payment, not moved by platform staff), the workspace moves to the `free` plan
 * with `workspace.plan_changed` (`reason: "trial_ended"`). Its data and access stay; the free
 * plan's quotas apply from then on.
 */
import { and, eq, isNotNull, lte } from "drizzle-orm";
import type { Database } from "../../db/client";
import { withWorkspace } from "../../db/tenant";
import { jobKind } from "../../kernel/jobs";
import { appendDomainEvent } from "../../kernel/events";
import { workspaces } from "./schema";

export const TRIAL_END_JOB = jobKind<{ workspace_id: string }>("tenancy.trial_end", { maxAttempts: 5, keyPrefix: "trial:", keyField: "workspace_id" });

/** Ends `workspaceId`'s trial when it is due: moves it to `free`. Answers whether it did. */
export async function endTrialIfDue(db: Database, workspaceId: string, now = new Date()): Promise<boolean> {
  return withWorkspace(db, workspaceId, async (tx) => {
    const [ws] = await tx
      .update(workspaces)
      .set({ plan: "free", trialEndsAt: null })
      .where(and(eq(workspaces.id, workspaceId), isNotNull(workspaces.trialEndsAt), lte(workspaces.trialEndsAt, now)))
      .returning({ id: workspaces.id });
    if (!ws) return false;
    await appendDomainEvent(tx, { workspaceId, type: "workspace.plan_changed", subjectId: workspaceId, payload: { to: "free", reason: "trial_ended" } });
    return true;
  });
}
