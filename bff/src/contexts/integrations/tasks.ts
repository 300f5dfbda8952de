/**
 * Integrations tasks: erase an end user (GDPR Art. 17); refresh one connection's token (scheduled
 * at `expires_at - REFRESH_MARGIN_MS` whenever a token is stored); a recovery sweep that enqueues
 * refreshes for every connection expiring soon (de-duplicated by job key).
 */
import { and, eq, isNotNull, lt } from "drizzle-orm";
import { withPlatform, withWorkspace } from "../../db/tenant";
import { enqueueJob } from "../../kernel/jobs";
import { ERASE_END_USER_JOB, REFRESH_CONNECTION_JOB } from "./jobs";
import { registerTask } from "../../kernel/tasks";
import { logger } from "../../lib/logger";
import { bindAppDatabase } from "../../kernel/app-database";
import { eraseEndUser } from "./gdpr";
import { REFRESH_MARGIN_MS, refreshConnectionToken } from "./connections";
import { connections } from "./schema";
import "./providers";

registerTask(ERASE_END_USER_JOB.task, (db) => {
  bindAppDatabase(db);
  return async (payload) => {
    const p = payload as { workspace_id: string; end_user_id: string };
    await withWorkspace(db, p.workspace_id, (tx) => eraseEndUser(tx, p.workspace_id, p.end_user_id));
  };
});

registerTask(REFRESH_CONNECTION_JOB.task, (db) => async (payload) => {
  const p = payload as { workspace_id: string; connection_id: string };
  await withWorkspace(db, p.workspace_id, (tx) => refreshConnectionToken(tx, p.connection_id));
});

/** Enqueues a refresh for every active connection expiring within twice the margin (recovery sweep). */
registerTask("integrations.refresh_sweep", (db) => async () => {
  const soon = new Date(Date.now() + 2 * REFRESH_MARGIN_MS);
  const due = await withPlatform(db, (tx) => tx.select({ id: connections.id, workspaceId: connections.workspaceId }).from(connections)
    .where(and(eq(connections.status, "active"), isNotNull(connections.refreshTokenEncrypted), lt(connections.expiresAt, soon))));
  await withPlatform(db, async (tx) => {
    for (const c of due) await enqueueJob(tx, REFRESH_CONNECTION_JOB, { workspace_id: c.workspaceId, connection_id: c.id });
  });
  if (due.length) logger.info({ count: due.length }, "connections queued for a token refresh");
});
