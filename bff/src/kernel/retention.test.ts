/**
 * Bounded history on a real database (decision 023): the weekly partitions of `domain_events`
 * and `audit_log` are created ahead and dropped whole past the longest retention (90 days); the
 * batched prunes delete each table's rows past the workspace plan's window (free 7 days,
 * enterprise 90) and keep younger rows, undispatched events and unfinished work.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../testing/harness";
import { signUpWorkspace, type FreshWorkspace } from "../testing/fixtures";
import { runRetention } from "./retention";

let h: Harness;
let free: FreshWorkspace;
let enterprise: FreshWorkspace;

beforeAll(async () => {
  h = await openHarness();
  free = await signUpWorkspace(h, "Short Memory Co", "shortmem");
  enterprise = await signUpWorkspace(h, "Long Memory Co", "longmem");
  await h.owner`update workspaces set plan = 'free' where id = ${free.workspaceId}`;
  await h.owner`update workspaces set plan = 'enterprise' where id = ${enterprise.workspaceId}`;
});
afterAll(async () => {
  await h.close();
});

/** A domain event (and its audit row) `daysAgo` old, written as the owner; answers its id. */
async function oldEvent(workspaceId: string | null, daysAgo: number, opts: { queued?: boolean } = {}): Promise<string> {
  const [e] = await h.owner<{ id: string; seq: string; occurred_at: Date }[]>`
    insert into domain_events (workspace_id, type, actor_kind, payload, occurred_at)
    values (${workspaceId}, 'retention_test.happened', 'system', '{}', now() - make_interval(days => ${daysAgo}))
    returning id, seq, occurred_at`;
  await h.owner`insert into audit_log (event_id, workspace_id, action, actor_kind, detail, occurred_at)
    values (${e!.id}, ${workspaceId}, 'retention_test.happened', 'system', '{}', ${e!.occurred_at})`;
  if (opts.queued)
    await h.owner`insert into domain_event_queue (seq, event_id, workspace_id, occurred_at, attempts, run_after)
      values (${e!.seq}, ${e!.id}, ${workspaceId}, ${e!.occurred_at}, 10, 'infinity')`;
  return e!.id;
}
const exists = async (table: "domain_events" | "audit_log", id: string) =>
  (await h.owner.unsafe(`select 1 from ${table} where ${table === "audit_log" ? "event_id" : "id"} = $1`, [id])).length === 1;
const partitions = async (table: string) =>
  (
    await h.owner<{ name: string }[]>`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = ${table}::regclass order by c.relname`
  ).map((r) => r.name);
/** runs retention until no batch comes back full (batches of `limit`); answers the rows pruned per table */
async function retainAll(limit = 2): Promise<Record<string, number>> {
  const total: Record<string, number> = {};
  for (let i = 0; i < 50; i++) {
    const run = await runRetention(h.handles.db, { limit });
    for (const [t, n] of Object.entries(run.pruned)) total[t] = (total[t] ?? 0) + n;
    if (!run.more) return total;
  }
  throw new Error("retention never finished");
}

describe("partitions of the event log and the audit log", () => {
  it("are created for the coming weeks, and a week past the longest retention is dropped whole", async () => {
    // a week 120 days back, with an event of the enterprise workspace in it
    await h.owner`select nh_partition_week('domain_events', now() - interval '120 days'), nh_partition_week('audit_log', now() - interval '120 days')`;
    const ancient = await oldEvent(enterprise.workspaceId, 120);
    const oldWeek = (await partitions("domain_events")).find((p) => /_p\d{8}$/.test(p))!;
    expect(await h.owner`select 1 from ${h.owner(oldWeek)} where id = ${ancient}`).toHaveLength(1);

    const run = await runRetention(h.handles.db);
    expect(run.dropped).toBeGreaterThanOrEqual(2);
    expect(await partitions("domain_events")).not.toContain(oldWeek);
    expect(await partitions("audit_log")).not.toContain(oldWeek.replace("domain_events", "audit_log"));
    expect(await exists("domain_events", ancient)).toBe(false);
    expect(await exists("audit_log", ancient)).toBe(false);

    // this week and the next four have their partitions, with row-level security forced
    const [ahead] = await h.owner<{ n: number }[]>`
      select count(*)::int as n from pg_class c
      where c.relname in (select t || '_p' || to_char(date_trunc('week', (now() + make_interval(weeks => w)) at time zone 'UTC'), 'YYYYMMDD')
        from unnest(array['domain_events', 'audit_log']) t, generate_series(0, 4) w)
        and c.relispartition and c.relrowsecurity and c.relforcerowsecurity`;
    expect(ahead!.n).toBe(10);
    // an event appended now lands in this week's partition, not the default one
    const [now] = await h.owner<{ part: string }[]>`
      select tableoid::regclass::text as part from domain_events order by occurred_at desc limit 1`;
    expect(now!.part).toMatch(/^domain_events_p\d{8}$/);
  });

  it("are made by the owner's functions only: the app role cannot misuse them, nor read a new partition directly", async () => {
    await expect(h.handles.sql`select nh_drop_partitions_before('workspaces', now())`).rejects.toThrow(/not a partitioned history table/);
    await expect(h.handles.sql`drop table domain_events_default`).rejects.toThrow(/must be owner/);
    await h.owner`select nh_partition_week('domain_events', now() + interval '30 weeks')`;
    const newest = (await partitions("domain_events")).filter((p) => /_p\d{8}$/.test(p)).at(-1)!;
    await expect(h.handles.sql.unsafe(`select * from "${newest}"`)).rejects.toThrow(/permission denied/);
  });
});

describe("batched prunes past the plan's window", () => {
  it("deletes a free workspace's dispatched events older than 7 days, keeps younger, queued, enterprise and platform ones, and the audit log for 90 days", async () => {
    const gone = [await oldEvent(free.workspaceId, 10), await oldEvent(free.workspaceId, 30), await oldEvent(free.workspaceId, 60)];
    const kept = [
      await oldEvent(free.workspaceId, 3),
      await oldEvent(free.workspaceId, 10, { queued: true }),
      await oldEvent(enterprise.workspaceId, 60),
      await oldEvent(null, 60),
    ];
    const oldEnterprise = await oldEvent(enterprise.workspaceId, 95);
    const pruned = await retainAll();
    expect(pruned.domain_events).toBeGreaterThanOrEqual(4);
    for (const id of gone) expect(await exists("domain_events", id)).toBe(false);
    expect(await exists("domain_events", oldEnterprise)).toBe(false);
    for (const id of kept) expect(await exists("domain_events", id)).toBe(true);
    // the audit log is the security record: every plan's is kept for the longest window
    for (const id of gone) expect(await exists("audit_log", id)).toBe(true);
  });

  it("deletes consumption claims of dispatched events after a day, and keeps those of queued events", async () => {
    const dispatched = await oldEvent(free.workspaceId, 2);
    const queued = await oldEvent(free.workspaceId, 2, { queued: true });
    for (const id of [dispatched, queued])
      await h.owner`insert into event_consumptions (event_id, consumer, workspace_id, consumed_at) values (${id}, 'audit', ${free.workspaceId}, now() - interval '2 days')`;
    await retainAll();
    expect(await h.owner`select 1 from event_consumptions where event_id = ${dispatched}`).toHaveLength(0);
    expect(await h.owner`select 1 from event_consumptions where event_id = ${queued}`).toHaveLength(1);
  });

  it("deletes evaluated ingested events, notifications with their deliveries, and finished webhook deliveries with their attempts", async () => {
    const ws = free.workspaceId;
    const ingest = (days: number, processed: boolean) =>
      h.owner<{ id: string }[]>`insert into ingested_events (workspace_id, type, payload, received_at, processed_at)
        values (${ws}, 'retention_test', '{}', now() - make_interval(days => ${days}), ${processed ? h.owner`now()` : null}) returning id`;
    const [oldDone] = await ingest(10, true);
    const [oldPending] = await ingest(10, false);
    const [young] = await ingest(2, true);

    const notify = async (days: number) => {
      const [n] = await h.owner<{ id: string }[]>`insert into notifications (workspace_id, title, message, created_at)
        values (${ws}, 'Old news', 'retention test', now() - make_interval(days => ${days})) returning id`;
      await h.owner`insert into notification_deliveries (workspace_id, notification_id, channel, status, created_at)
        values (${ws}, ${n!.id}, 'inbox', 'delivered', now() - make_interval(days => ${days}))`;
      return n!.id;
    };
    const oldNote = await notify(8);
    const youngNote = await notify(1);

    const [endpoint] = await h.owner<{ id: string }[]>`insert into webhook_endpoints (workspace_id, url, event_types, secret_encrypted)
      values (${ws}, 'https://example.com/hook', '{}', 'x') returning id`;
    const deliver = async (days: number, status: string) => {
      const [d] = await h.owner<{ id: string }[]>`insert into webhook_deliveries (workspace_id, endpoint_id, event_type, payload, status, created_at)
        values (${ws}, ${endpoint!.id}, 'retention_test', '{}', ${status}, now() - make_interval(days => ${days})) returning id`;
      await h.owner`insert into webhook_attempts (workspace_id, delivery_id, attempt, latency_ms, created_at)
        values (${ws}, ${d!.id}, 1, 12, now() - make_interval(days => ${days}))`;
      return d!.id;
    };
    const oldSent = await deliver(9, "succeeded");
    const oldFailed = await deliver(9, "failed");
    const oldRetrying = await deliver(9, "pending");
    const youngSent = await deliver(1, "succeeded");

    const pruned = await retainAll();
    expect(pruned).toMatchObject({ ingested_events: expect.any(Number), notifications: expect.any(Number), webhook_deliveries: expect.any(Number) });
    const ids = async (table: string, list: string[]) =>
      (await h.owner.unsafe(`select id from ${table} where id = any($1::uuid[])`, [list])).map((r) => r.id as string).sort();
    expect(await ids("ingested_events", [oldDone!.id, oldPending!.id, young!.id])).toEqual([oldPending!.id, young!.id].sort());
    expect(await ids("notifications", [oldNote, youngNote])).toEqual([youngNote]);
    expect(await h.owner`select 1 from notification_deliveries where notification_id = ${oldNote}`).toHaveLength(0);
    expect(await ids("webhook_deliveries", [oldSent, oldFailed, oldRetrying, youngSent])).toEqual([oldRetrying, youngSent].sort());
    expect(await h.owner`select 1 from webhook_attempts where delivery_id = any(${[oldSent, oldFailed]}::uuid[])`).toHaveLength(0);
  });
});
