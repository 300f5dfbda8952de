/**
 * The audit log: a read model built from domain events by the `audit` consumer. Each event
 * becomes one row (who, what, when in UTC, from which IP and user agent).
 */
import { registerConsumer } from "./events";
import { auditLog } from "./schema";

registerConsumer("audit", async (tx, event) => {
  await tx
    .insert(auditLog)
    .values({
      eventId: event.id,
      workspaceId: event.workspaceId,
      action: event.type,
      actorKind: event.actorKind,
      actorId: event.actorId,
      subjectId: event.subjectId,
      detail: event.payload,
      ip: event.ip,
      userAgent: event.userAgent,
      occurredAt: event.occurredAt,
    })
    .onConflictDoNothing();
});
