/**
 * A workspace's Test mode switch (issue #14 part 4, docs/decisions/020-test-mode-and-sandbox.md):
 * while it is on, every execution the workspace starts is a test execution whose provider calls
 * go to the built-in sandbox. Changing it appends `workspace.test_mode_changed` (so an audit row).
 */
import { eq, type SQL, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { NotFound } from "../../lib/errors";
import { appendDomainEvent } from "../../kernel/events";
import type { TestMode } from "@nhood/contracts/test-mode";
import { workspaces } from "./schema";

/** Whether the workspace is in test mode; NotFound for an unknown workspace. */
export async function getTestMode(tx: Tx, workspaceId: string): Promise<TestMode> {
  const [ws] = await tx.select({ testMode: workspaces.testMode }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!ws) throw new NotFound("workspace");
  return { test_mode: ws.testMode };
}

/** Turns test mode on or off; appends `workspace.test_mode_changed` when it changes. */
export async function setTestMode(tx: Tx, workspaceId: string, on: boolean): Promise<TestMode> {
  const [before] = await tx.select({ testMode: workspaces.testMode }).from(workspaces).where(eq(workspaces.id, workspaceId)).for("update");
  if (!before) throw new NotFound("workspace");
  if (before.testMode !== on) {
    await tx.update(workspaces).set({ testMode: on }).where(eq(workspaces.id, workspaceId));
    await appendDomainEvent(tx, { workspaceId, type: "workspace.test_mode_changed", subjectId: workspaceId, payload: { test_mode: on } });
  }
  return { test_mode: on };
}

/**
 * A boolean SQL expression: whether workspace `workspaceId` is in test mode (false when unknown),
 * for another context's statement to embed (workflows' execution insert) without a round trip.
 */
export function workspaceTestModeSql(workspaceId: string | SQL): SQL<boolean> {
  return sql<boolean>`coalesce((select ${workspaces.testMode} from ${workspaces} where ${workspaces.id} = ${workspaceId}), false)`;
}
