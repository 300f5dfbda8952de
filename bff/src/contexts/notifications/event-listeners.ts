/**
 * A port for contexts above notifications that react to the events a workspace sends
 * (`POST /events`, the batch route): workflows' event triggers (docs/decisions/021). A listener
 * registered here is handed each batch of newly stored API events by the evaluator
 * (evaluation.ts), inside the batch's transaction and before the events are marked processed, so
 * it sees every event exactly once and its writes commit with the batch or not at all (a failing
 * listener rolls the batch back; the events stay pending and are evaluated again). Events of
 * source `platform` (domain events of other contexts) are not handed over: their consumers see
 * the domain event itself.
 *
 * Nothing is written per ingested event for a listener: no domain event, no job. The ingestion
 * request stays as it was (one INSERT, no job row).
 */
import type { Tx } from "../../db/client";

/** An ingested event as listeners see it. */
export interface ReceivedEvent {
  id: string;
  type: string;
  /** the sender's de-duplication id (`clientEventId`), if it gave one */
  clientEventId: string | null;
  source: string;
  payload: Record<string, unknown>;
  /** when it was received */
  receivedAt: Date;
  /** the sender's `timestamp`, else when it was received */
  occurredAt: Date;
  /** sent with a test key (`nhood_sk_test_…`): what it starts runs as a test execution (decision 020) */
  test: boolean;
}

export type ReceivedEventsListener = (tx: Tx, workspaceId: string, events: ReceivedEvent[]) => Promise<void>;

const listeners = new Map<string, ReceivedEventsListener>();

/** Registers (or replaces) the listener `name` for batches of a workspace's newly received events. */
export function onEventsReceived(name: string, listener: ReceivedEventsListener): void {
  listeners.set(name, listener);
}

/** Hands `events` (already filtered to API events, oldest first) to every listener, in `tx`. */
export async function handOverReceivedEvents(tx: Tx, workspaceId: string, events: ReceivedEvent[]): Promise<void> {
  if (!events.length) return;
  for (const listener of listeners.values()) await listener(tx, workspaceId, events);
}
