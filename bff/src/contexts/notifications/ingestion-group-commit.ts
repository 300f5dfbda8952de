/**
 * Group commit of `POST /events` (decision 036): the single events that requests of one
 * workspace (and key mode) hand in while that workspace's previous commit is under way are stored
 * together, in one transaction with one INSERT (ingestion.ts `ingestEvents`), instead of one
 * transaction each. A request is answered only after the COMMIT that stored its event (202) —
 * or found the original of its `clientEventId` (200) —, so an accepted event is never lost.
 *
 * At most one commit per workspace is under way: under load the group grows with the arrival
 * rate and the commit's duration (at most MAX_GROUP events); an idle workspace's event is
 * committed on the next turn of the event loop. A group that fails because of one of its events
 * (the events quota passed, a value PostgreSQL refuses) is retried event by event in arrival
 * order, each in its own transaction, so each request gets the answer it would have had alone;
 * a group that fails because the database is unreachable fails every request in it (the COMMIT's
 * outcome is unknown: a retry could store an event twice).
 */
import type { IngestedEvent } from "@nhood/contracts";
import { type Database, isDatabaseUnavailable } from "../../db/client";
import { INDEX_PLANS, withWorkspace } from "../../db/tenant";
import { requestEvaluation } from "./evaluator";
import { type EventInput, ingestEvents } from "./ingestion";

/** Most events one group commit stores (INGEST_GROUP_MAX, default 500). */
const MAX_GROUP = Number(process.env.INGEST_GROUP_MAX ?? 500);

interface Waiting {
  input: EventInput;
  receivedAt: Date;
  resolve: (event: IngestedEvent) => void;
  reject: (err: unknown) => void;
}

interface Group {
  db: Database;
  workspaceId: string;
  test: boolean;
  waiting: Waiting[];
  /** a commit is under way or due on the next turn */
  busy: boolean;
}

/** Per database handle (tests open several), per workspace and key mode: the group being gathered. Dropped when idle. */
const groups = new WeakMap<Database, Map<string, Group>>();

/**
 * Stores one event of `workspaceId` with the others handed in meanwhile (see the module comment)
 * and answers it as `ingestEvents` would (`duplicate` for a known `clientEventId`). Throws what
 * storing it alone would throw (QuotaExceeded, a database error). Requests evaluation after
 * the COMMIT.
 */
export function ingestEventGrouped(db: Database, workspaceId: string, input: EventInput, opts: { test: boolean }): Promise<IngestedEvent> {
  let byKey = groups.get(db);
  if (!byKey) {
    byKey = new Map();
    groups.set(db, byKey);
  }
  const key = `${workspaceId}:${opts.test ? "test" : "live"}`;
  let group = byKey.get(key);
  if (!group) {
    group = { db, workspaceId, test: opts.test, waiting: [], busy: false };
    byKey.set(key, group);
  }
  const g = group;
  return new Promise<IngestedEvent>((resolve, reject) => {
    g.waiting.push({ input, receivedAt: new Date(), resolve, reject });
    if (g.busy) return; // taken by the commit after the one under way
    g.busy = true;
    // the next turn: requests whose bodies were read in this one join the group
    const forKey = byKey;
    setImmediate(() => void drain(g, forKey, key));
  });
}

/** Commits the group's waiting events, MAX_GROUP at a time, until none is left; then forgets the group. */
async function drain(g: Group, byKey: Map<string, Group>, key: string): Promise<void> {
  try {
    while (g.waiting.length) await commit(g, g.waiting.splice(0, MAX_GROUP));
  } finally {
    g.busy = false;
    byKey.delete(key);
  }
}

async function commit(g: Group, batch: Waiting[]): Promise<void> {
  let events: IngestedEvent[];
  try {
    events = await withWorkspace(
      g.db,
      g.workspaceId,
      (tx) =>
        ingestEvents(
          tx,
          g.workspaceId,
          batch.map((w) => w.input),
          "api",
          { test: g.test, receivedAt: batch.map((w) => w.receivedAt) },
        ),
      INDEX_PLANS,
    );
  } catch (err) {
    if (batch.length === 1 || isDatabaseUnavailable(err)) {
      for (const w of batch) w.reject(err);
      return;
    }
    for (const w of batch) await commit(g, [w]);
    return;
  }
  if (events.some((e) => !e.duplicate)) requestEvaluation(g.db, g.workspaceId);
  for (const [i, w] of batch.entries()) w.resolve(events[i]!);
}
