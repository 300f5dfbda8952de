/**
 * The audit log: a read model built from domain events by the `audit` consumer. Each event
 * becomes one row (who, what, when in UTC, from which IP and user agent).
 */
import { type DomainEvent, registerConsumer } from "./events";
import { auditLog } from "./schema";

const row = (event: DomainEvent) => ({
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
});

// a batch's events of one workspace become their audit rows in one multi-row insert
registerConsumer(
  "audit",
  async (tx, event) => {
    await tx.insert(auditLog).values(row(event)).onConflictDoNothing();
  },
  {
    batch: async (tx, events) => {
      await tx.insert(auditLog).values(events.map(row)).onConflictDoNothing();
    },
  },
);
