/**
 * Domain-event dispatch on a real database. The batch path (decision 023) claims queued events
 * and applies every consumer to all of them in one transaction; a batch whose consumer throws is
 * rolled back and its events are dispatched one by one, so one bad event holds back no other and
 * is retried with backoff. The per-event path applies every consumer in one transaction (a
 * failure rolls all back); with `isolate` each consumer gets its own savepoint, so one that keeps
 * failing cannot hold the others back, and it alone is tried again later.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../testing/harness";
import { signUpWorkspace, type FreshWorkspace } from "../testing/fixtures";
import { appendDomainEvent, dispatchDomainEvent, MAX_DISPATCH_ATTEMPTS, registerConsumer, wasConsumed } from "./events";
import { dispatchEventBatch, dispatchPendingEvents, startEventDispatcher } from "./dispatch";
import { withWorkspace } from "../db/tenant";
import { APP_ROLE } from "../db/bootstrap";
import { sql } from "drizzle-orm";

let h: Harness;
let ws: FreshWorkspace;
const failFor = new Set<string>();

beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "Dispatch Co", "dispatch");
  // a consumer of this test file only (each test file has its own module registry); what it
  // applies is a row of its own table, so a rolled-back application leaves no trace
  await h.owner`create table dispatch_test_applied (event_id uuid not null)`;
  await h.owner.unsafe(`grant select, insert on dispatch_test_applied to ${APP_ROLE}`);
  registerConsumer("test.flaky", async (tx, event) => {
    if (failFor.has(event.id)) throw new Error("flaky consumer is down");
    await tx.execute(sql`insert into dispatch_test_applied (event_id) values (${event.id})`);
  });
});
afterAll(async () => {
  await h.close();
});

const newEvent = () =>
  withWorkspace(h.handles.db, ws.workspaceId, (tx) =>
    appendDomainEvent(tx, { workspaceId: ws.workspaceId, type: "end_user.created", subjectId: "eu-1", payload: {} }),
  );
const queued = async (id: string) =>
  h.owner<{ attempts: number; due: boolean; forever: boolean; last_error: string | null }[]>`
    select attempts, run_after <= now() as due, run_after = 'infinity' as forever, last_error from domain_event_queue where event_id = ${id}`;
/** how often the test consumer's application of `id` committed */
const times = async (id: string) => (await h.owner<{ n: number }[]>`select count(*)::int as n from dispatch_test_applied where event_id = ${id}`)[0]!.n;
const consumed = async (id: string) =>
  (await h.owner<{ consumer: string }[]>`select consumer from event_consumptions where event_id = ${id} order by consumer`).map((r) => r.consumer);

describe("domain event dispatch", () => {
  it("applies every consumer in one transaction, and rolls all back when one fails", async () => {
    const id = await newEvent();
    failFor.add(id);
    await expect(dispatchDomainEvent(h.handles.db, id, ws.workspaceId)).rejects.toThrow(/flaky consumer is down/);
    expect(await consumed(id)).toEqual([]);
    expect(await h.owner`select 1 from audit_log where event_id = ${id}`).toHaveLength(0);
    failFor.delete(id);
    expect(await dispatchDomainEvent(h.handles.db, id, ws.workspaceId)).toBe("end_user.created");
    expect(await consumed(id)).toEqual(expect.arrayContaining(["audit", "test.flaky"]));
    expect(await times(id)).toBe(1);
  });

  it("isolates consumers on a retry: the others commit, the failing one is retried alone", async () => {
    const id = await newEvent();
    failFor.add(id);
    await expect(dispatchDomainEvent(h.handles.db, id, ws.workspaceId, { isolate: true })).rejects.toThrow(/consumer test.flaky failed/);
    expect(await consumed(id)).toContain("audit");
    expect(await consumed(id)).not.toContain("test.flaky");
    expect(await wasConsumed(h.handles.db, ws.workspaceId, id, "audit")).toBe(true);
    failFor.delete(id);
    await dispatchDomainEvent(h.handles.db, id, ws.workspaceId, { isolate: true });
    expect(await consumed(id)).toContain("test.flaky");
    expect(await h.owner`select 1 from audit_log where event_id = ${id}`).toHaveLength(1); // audit applied once
  });
});

describe("batched dispatch", () => {
  it("applies every consumer to a batch of events in one transaction, once, and empties the queue", async () => {
    const ids = [await newEvent(), await newEvent(), await newEvent()];
    const outcome = await dispatchEventBatch(h.handles.db, 500);
    expect(outcome.claimed).toBeGreaterThanOrEqual(3);
    expect(outcome.failed).toBe(0);
    for (const id of ids) {
      expect(await times(id)).toBe(1);
      expect(await queued(id)).toEqual([]);
      expect(await h.owner`select 1 from audit_log where event_id = ${id}`).toHaveLength(1);
      expect(await consumed(id)).toEqual([]); // no claim rows: the queue rows' deletion committed with the consumers
      expect(await wasConsumed(h.handles.db, ws.workspaceId, id, "test.flaky")).toBe(true);
      // a later per-event dispatch finds the event dispatched and applies nothing again
      await dispatchDomainEvent(h.handles.db, id, ws.workspaceId);
      expect(await times(id)).toBe(1);
    }
    expect((await dispatchEventBatch(h.handles.db, 500)).claimed).toBe(0);
  });

  it("hands the notifications consumer a workspace's events together: each becomes one ingested event, once (only while a rule is active)", async () => {
    const append = (i: number) =>
      withWorkspace(h.handles.db, ws.workspaceId, (tx) =>
        appendDomainEvent(tx, { workspaceId: ws.workspaceId, type: "execution.succeeded", subjectId: `exec-none-${i}`, payload: { i } }),
      );
    // no active rule: a platform event has nothing to be evaluated by and is not ingested (decision 037)
    const unheard = await Promise.all([1, 2].map(append));
    await dispatchEventBatch(h.handles.db, 500);
    expect(await h.owner`select 1 from ingested_events where client_event_id = any(${unheard.map((id) => `domain:${id}`)}::text[])`).toHaveLength(0);
    // nor audited: a succeeded execution is recorded in its own history and the event log (decision 037)
    expect(await h.owner`select 1 from audit_log where event_id = any(${unheard}::uuid[])`).toHaveLength(0);
    expect(await h.owner`select 1 from domain_events where id = any(${unheard}::uuid[])`).toHaveLength(2);
    await h.owner`insert into rules (workspace_id, name, condition, target_roles, title_template, message_template)
      values (${ws.workspaceId}, 'executions', 'event.type == "execution.failed"', '{owner}', 'Failed', '')`;
    const ids = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        withWorkspace(h.handles.db, ws.workspaceId, (tx) =>
          appendDomainEvent(tx, { workspaceId: ws.workspaceId, type: "execution.succeeded", subjectId: `exec-${i}`, payload: { i } }),
        ),
      ),
    );
    await dispatchEventBatch(h.handles.db, 500);
    const rows = await h.owner<{ client_event_id: string; source: string }[]>`
      select client_event_id, source from ingested_events where client_event_id = any(${ids.map((id) => `domain:${id}`)}::text[])`;
    expect(rows.map((r) => r.client_event_id).sort()).toEqual(ids.map((id) => `domain:${id}`).sort());
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(["platform"]));
  });

  it("dispatches concurrent batches without applying any event twice", async () => {
    const ids = await Promise.all(Array.from({ length: 60 }, () => newEvent()));
    const rounds = await Promise.all([0, 1, 2].map(() => dispatchEventBatch(h.handles.db, 7)));
    let left = rounds.reduce((n, r) => n + r.claimed, 0);
    while (left < 60) {
      const more = await Promise.all([0, 1].map(() => dispatchEventBatch(h.handles.db, 7)));
      const n = more.reduce((k, r) => k + r.claimed, 0);
      if (!n) break;
      left += n;
    }
    for (const id of ids) expect(await times(id)).toBe(1);
    const [audit] = await h.owner<{ n: number }[]>`select count(*)::int as n from audit_log where event_id = any(${ids}::uuid[])`;
    expect(audit!.n).toBe(60);
  });

  it("isolates a failing event: the rest of its batch applies, it is retried with backoff, then dispatched", async () => {
    const [good1, bad, good2] = [await newEvent(), await newEvent(), await newEvent()];
    failFor.add(bad);
    const outcome = await dispatchEventBatch(h.handles.db, 500);
    expect(outcome.failed).toBe(1);
    expect([await times(good1), await times(good2), await times(bad)]).toEqual([1, 1, 0]);
    expect(await queued(good1)).toEqual([]);
    expect(await queued(bad)).toEqual([{ attempts: 1, due: false, forever: false, last_error: expect.stringMatching(/test.flaky: flaky consumer is down/) }]);
    expect(await consumed(bad)).toContain("audit"); // the other consumers applied on the per-event path
    // not due yet: a round leaves it alone
    expect(await dispatchPendingEvents(h.handles.db, { retries: true })).toBe(0);
    failFor.delete(bad);
    await h.owner`update domain_event_queue set run_after = now() where event_id = ${bad}`;
    expect(await dispatchPendingEvents(h.handles.db, { retries: true })).toBe(1);
    expect(await times(bad)).toBe(1);
    expect(await queued(bad)).toEqual([]);
    expect(await h.owner`select 1 from audit_log where event_id = ${bad}`).toHaveLength(1);
  });

  it("wakes a dispatcher loop by NOTIFY at COMMIT: the event is dispatched long before the poll", async () => {
    await dispatchPendingEvents(h.handles.db, { retries: true });
    const dispatcher = startEventDispatcher(h.handles.db, { listen: h.handles.sql, pollMs: 120_000, concurrency: 1 });
    try {
      await new Promise((r) => setTimeout(r, 1000)); // its first round (at start) is over, it sleeps on the poll
      const id = await newEvent();
      const started = Date.now();
      while ((await queued(id)).length && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 50));
      expect(await queued(id)).toEqual([]);
      expect(await times(id)).toBe(1);
    } finally {
      await dispatcher.stop();
    }
  });

  it("keeps an event that failed its last attempt queued for inspection, never due again", async () => {
    const id = await newEvent();
    failFor.add(id);
    await h.owner`update domain_event_queue set attempts = ${MAX_DISPATCH_ATTEMPTS - 1}, run_after = now() where event_id = ${id}`;
    expect(await dispatchPendingEvents(h.handles.db, { retries: true })).toBe(1);
    expect(await queued(id)).toEqual([{ attempts: MAX_DISPATCH_ATTEMPTS, due: false, forever: true, last_error: expect.any(String) }]);
    failFor.delete(id);
  });
});
