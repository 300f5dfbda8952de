/**
 * Integrations tasks: erase an end user (GDPR Art. 17); refresh one connection's token (scheduled
 * at its due time, refresh-schedule.ts, whenever a token is stored); a recovery sweep that enqueues
 * refreshes for every connection due soon, at its due time (de-duplicated by job key).
 */
import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import { withPlatform, withWorkspace } from "../../db/tenant";
import { enqueueJob } from "../../kernel/jobs";
import { ERASE_END_USER_JOB, REFRESH_CONNECTION_JOB } from "./jobs";
import { registerTask } from "../../kernel/tasks";
import { logger } from "../../lib/logger";
import { bindAppDatabase } from "../../kernel/app-database";
import { eraseEndUser } from "./gdpr";
import { refreshConnectionToken } from "./connections";
import { dueTimeOf, LEGACY_REFRESH_MARGIN_MS } from "./refresh-schedule";
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
  // the queue's clock (PostgreSQL's) may run a little ahead of ours: a job is due within 5 s
  await withWorkspace(db, p.workspace_id, (tx) => refreshConnectionToken(tx, p.connection_id, false, 5_000));
});

/** Enqueues, at its due time, a refresh for every active connection due within 10 minutes (recovery sweep). */
registerTask("integrations.refresh_sweep", (db) => async () => {
  const soon = new Date(Date.now() + 10 * 60_000);
  const dueAt = sql`coalesce(${connections.refreshDueAt}, ${connections.expiresAt} - make_interval(secs => ${LEGACY_REFRESH_MARGIN_MS / 1000}))`;
  const due = await withPlatform(db, (tx) =>
    tx
      .select({ id: connections.id, workspaceId: connections.workspaceId, expiresAt: connections.expiresAt, refreshDueAt: connections.refreshDueAt })
      .from(connections)
      .where(and(eq(connections.status, "active"), isNotNull(connections.refreshTokenEncrypted), lt(dueAt, soon))),
  );
  await withPlatform(db, async (tx) => {
    for (const c of due)
      await enqueueJob(tx, REFRESH_CONNECTION_JOB, { workspace_id: c.workspaceId, connection_id: c.id }, { runAt: dueTimeOf(c) ?? new Date() });
  });
  if (due.length) logger.info({ count: due.length }, "connections queued for a token refresh");
});
