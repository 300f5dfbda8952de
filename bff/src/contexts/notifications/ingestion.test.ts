/**
 * Event ingestion: both authentication forms, clientEventId de-duplication, batches, status,
 * and quotas at 80 % (warning event, inbox notice, e-mail) and 100 %: events past it are refused
 * (429 with the figures), notifications past it are not created (the event notes how many).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { catchMailInThisFile } from "../../testing/smtp";
import { expectProblem, pointers } from "../../testing/fixtures";
import { settle, workspaceOnPlan } from "../../testing/notifications";

let h: Harness;
const mails = catchMailInThisFile();

beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

describe("POST /events", () => {
  it("accepts an event with a Bearer API key and answers its status", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const res = await h.call("POST", "/api/v1/events", {
      token: ws.apiKey,
      body: { type: "order.completed", payload: { amount: 5000 }, timestamp: "2025-12-03T10:30:00Z" },
    });
    expect(res.status).toBe(202);
    const ev = (await res.json()) as { id: string; status: string; duplicate: boolean };
    expect(ev).toMatchObject({ status: "accepted", duplicate: false });
    const got = await h.call("GET", `/api/v1/events/${ev.id}`, { token: ws.apiKey });
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ id: ev.id, type: "order.completed", payload: { amount: 5000 } });
  });

  it("accepts the seed's X-API-Key (prefix) + X-API-Secret (key) pair and refuses a mismatched pair", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const prefix = ws.apiKey.slice(0, "nhood_sk_live_".length + 8);
    const ok = await h.call("POST", "/api/v1/events", { headers: { "x-api-key": prefix, "x-api-secret": ws.apiKey }, body: { type: "pair.ok" } });
    expect(ok.status).toBe(202);
    const other = await workspaceOnPlan(h, "starter");
    const wrong = await h.call("POST", "/api/v1/events", {
      headers: { "x-api-key": other.apiKey.slice(0, 22), "x-api-secret": ws.apiKey },
      body: { type: "pair.bad" },
    });
    await expectProblem(wrong, 401);
    const noSecret = await h.call("POST", "/api/v1/events", { headers: { "x-api-key": prefix }, body: { type: "pair.bad" } });
    await expectProblem(noSecret, 401);
    const fullKeyAlone = await h.call("POST", "/api/v1/events", { headers: { "x-api-key": ws.apiKey }, body: { type: "pair.single" } });
    expect(fullKeyAlone.status).toBe(202);
  });

  it("de-duplicates by clientEventId per workspace: a repeat answers the original", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const body = { type: "pending_transaction", clientEventId: "tx_client_12345", payload: { amount: 1 } };
    const first = (await (await h.call("POST", "/api/v1/events", { token: ws.apiKey, body })).json()) as { id: string };
    const again = await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { ...body, payload: { amount: 2 } } });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: first.id, duplicate: true, payload: { amount: 1 } });
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from ingested_events where workspace_id = ${ws.workspaceId}`;
    expect(n!.n).toBe(1);
    // another workspace may use the same client id
    const other = await workspaceOnPlan(h, "starter");
    const theirs = (await (await h.call("POST", "/api/v1/events", { token: other.apiKey, body })).json()) as { id: string; duplicate: boolean };
    expect(theirs.duplicate).toBe(false);
    expect(theirs.id).not.toBe(first.id);
  });

  it("takes batches of up to 100, de-duplicating inside the batch, and names bad fields", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const events = [{ type: "a", clientEventId: "x" }, { type: "b", clientEventId: "x" }, { type: "c" }];
    const res = await h.call("POST", "/api/v1/events/batch", { token: ws.apiKey, body: { events } });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { items: { id: string; duplicate: boolean }[]; accepted: number; duplicates: number };
    expect(body).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(body.items[1]!.id).toBe(body.items[0]!.id);
    const tooMany = await h.call("POST", "/api/v1/events/batch", { token: ws.apiKey, body: { events: Array.from({ length: 101 }, () => ({ type: "t" })) } });
    expect(pointers(await expectProblem(tooMany, 400))).toContain("#/events");
    const bad = await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "has space", payload: [] } });
    expect(pointers(await expectProblem(bad, 400))).toEqual(expect.arrayContaining(["#/type", "#/payload"]));
  });

  it("refuses anonymous callers and API keys without the events scope", async () => {
    await expectProblem(await h.call("POST", "/api/v1/events", { body: { type: "x" } }), 401);
    const ws = await workspaceOnPlan(h, "starter");
    const created = await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/api-keys`, { token: ws.token, body: { name: "leads only", scopes: ["leads"] } });
    const key = ((await created.json()) as { key: string }).key;
    await expectProblem(await h.call("POST", "/api/v1/events", { token: key, body: { type: "x" } }), 403);
  });
});

describe("quotas", () => {
  it("warns at 80 % (event, inbox notice, e-mail to the owner) and refuses at 100 % with the figures", async () => {
    await h.owner`insert into plans (id, name, events_per_month, notifications_per_month, users, rules, sounds, requests_per_hour, webhooks)
      values ('test_tiny', 'Tiny', 5, 100, 10, 5, 3, 1000, true) on conflict (id) do nothing`;
    const ws = await workspaceOnPlan(h, "test_tiny");
    for (let i = 0; i < 3; i++) expect((await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "t" } })).status).toBe(202);
    const [none] = await h.owner<
      { n: number }[]
    >`select count(*)::int as n from domain_events where workspace_id = ${ws.workspaceId} and type = 'quota.warning'`;
    expect(none!.n).toBe(0);
    expect((await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "t" } })).status).toBe(202); // 4 of 5 = 80 %
    const warnings = await h.owner<
      { payload: { usage: number; quota: number } }[]
    >`select payload from domain_events where workspace_id = ${ws.workspaceId} and type = 'quota.warning'`;
    expect(warnings.map((w) => w.payload)).toEqual([expect.objectContaining({ usage: 4, quota: 5 })]);
    // a batch that would pass the quota is refused whole; the single last slot still works
    const over = await h.call("POST", "/api/v1/events/batch", { token: ws.apiKey, body: { events: [{ type: "t" }, { type: "t" }] } });
    const problem = (await expectProblem(over, 429)) as unknown as { quota: number; usage: number; reset_at: string; metric: string };
    expect(problem).toMatchObject({ metric: "events", quota: 5, usage: 4 });
    expect(new Date(problem.reset_at).getUTCDate()).toBe(1);
    expect(over.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "t" } })).status).toBe(202);
    await expectProblem(await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "t" } }), 429);
    const [stored] = await h.owner<{ n: number }[]>`select count(*)::int as n from ingested_events where workspace_id = ${ws.workspaceId}`;
    expect(stored!.n).toBe(5);
    await settle(h, async () => mails.some((m) => m.to.includes(ws.email)));
    const notices = await h.owner<{ title: string }[]>`select title from notifications where workspace_id = ${ws.workspaceId} order by seq`;
    expect(notices.map((n) => n.title)).toEqual(["You have used 80% of your events quota", "Your events quota is used up"]);
    const usage = await h.call("GET", "/api/v1/projects/me/usage", { token: ws.apiKey });
    expect(await usage.json()).toMatchObject({ plan: { id: "test_tiny", events_per_month: 5 }, month: { events: 5 } });
  });

  it("counts pending events at once: the usage and the check see events not evaluated yet", async () => {
    await h.owner`insert into plans (id, name, events_per_month, notifications_per_month, users, rules, sounds, requests_per_hour, webhooks)
      values ('test_three', 'Three', 3, 100, 10, 5, 3, 1000, true) on conflict (id) do nothing`;
    const ws = await workspaceOnPlan(h, "test_three");
    const batch = await h.call("POST", "/api/v1/events/batch", { token: ws.apiKey, body: { events: [{ type: "t" }, { type: "t" }, { type: "t" }] } });
    expect(batch.status).toBe(202);
    // no job has run: all three are pending, yet counted
    const [pending] = await h.owner<
      { n: number }[]
    >`select count(*)::int as n from ingested_events where workspace_id = ${ws.workspaceId} and processed_at is null`;
    expect(pending!.n).toBe(3);
    const usage = (await (await h.call("GET", "/api/v1/projects/me/usage", { token: ws.apiKey })).json()) as {
      month: { events: number };
      daily: { events: number }[];
    };
    expect(usage.month.events).toBe(3);
    expect(usage.daily.at(-1)!.events).toBe(3);
    await expectProblem(await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "t" } }), 429);
    // once evaluated they are counted by the batch, not twice
    await settle(h, async () => {
      const [r] = await h.owner<
        { n: number }[]
      >`select count(*)::int as n from ingested_events where workspace_id = ${ws.workspaceId} and processed_at is null`;
      return r!.n === 0;
    });
    const [counter] = await h.owner<
      { count: string }[]
    >`select count from usage_counters where workspace_id = ${ws.workspaceId} and period_type = 'month' and metric = 'events'`;
    expect(Number(counter!.count)).toBe(3);
    expect(((await (await h.call("GET", "/api/v1/projects/me/usage", { token: ws.apiKey })).json()) as { month: { events: number } }).month.events).toBe(3);
    await expectProblem(await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "t" } }), 429);
  });

  it("notifications: warns at 80 %, creates none past 100 % (the event is processed and notes how many), tells the owner once", async () => {
    await h.owner`insert into plans (id, name, events_per_month, notifications_per_month, users, rules, sounds, requests_per_hour, webhooks)
      values ('test_notify5', 'Notify five', 1000, 5, 10, 5, 3, 1000, true) on conflict (id) do nothing`;
    const ws = await workspaceOnPlan(h, "test_notify5");
    const rule = (name: string, condition: string) =>
      h.call("POST", "/api/v1/rules", { token: ws.token, body: { name, condition, target_roles: ["owner"], title_template: `${name} {{ event.payload.n }}` } });
    expect((await rule("any", 'event.type.startsWith("ping")')).status).toBe(201);
    expect((await rule("double", 'event.type == "ping.double"')).status).toBe(201);
    const send = async (type: string, n: number) => {
      const res = await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type, payload: { n } } });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: string };
      let ev: Record<string, unknown> = {};
      await settle(h, async () => {
        ev = (await (await h.call("GET", `/api/v1/events/${id}`, { token: ws.apiKey })).json()) as Record<string, unknown>;
        return ev.status === "processed";
      });
      return ev;
    };
    const alerts = () => h.owner<{ type: string; payload: { metric: string; usage: number; quota: number } }[]>`
      select type, payload from domain_events where workspace_id = ${ws.workspaceId} and type like 'quota.%' order by occurred_at`;
    for (let n = 1; n <= 3; n++) expect(await send("ping", n)).toMatchObject({ notification_count: 1, suppressed_notification_count: 0 });
    expect(await alerts()).toEqual([]);
    expect(await send("ping", 4)).toMatchObject({ notification_count: 1 }); // 4 of 5 = 80 %
    expect(await alerts()).toEqual([{ type: "quota.warning", payload: expect.objectContaining({ metric: "notifications", usage: 4, quota: 5 }) }]);
    // two rules match: one slot left, so one notification is created and one suppressed
    expect(await send("ping.double", 5)).toMatchObject({
      status: "processed",
      notification_count: 1,
      suppressed_notification_count: 1,
      matched_rule_ids: expect.any(Array),
    });
    expect(await send("ping", 6)).toMatchObject({ status: "processed", notification_count: 0, suppressed_notification_count: 1 });
    const exceeded = (await alerts()).filter((a) => a.type === "quota.exceeded");
    expect(exceeded).toEqual([{ type: "quota.exceeded", payload: expect.objectContaining({ metric: "notifications", usage: 5, quota: 5 }) }]);

    await settle(h, async () => mails.filter((m) => m.to.includes(ws.email) && m.body.includes("notifications quota")).length >= 2);
    const titles = (await h.owner<{ title: string }[]>`select title from notifications where workspace_id = ${ws.workspaceId} order by seq`).map(
      (r) => r.title,
    );
    expect(titles.filter((t) => /^(any|double) /.test(t))).toEqual(["any 1", "any 2", "any 3", "any 4", "any 5"]);
    expect(titles.filter((t) => t.includes("quota"))).toEqual(["You have used 80% of your notifications quota", "Your notifications quota is used up"]);
    const usage = (await (await h.call("GET", "/api/v1/projects/me/usage", { token: ws.apiKey })).json()) as {
      month: { events: number; notifications: number };
      plan: { notifications_per_month: number };
    };
    expect(usage).toMatchObject({ plan: { notifications_per_month: 5 }, month: { events: 6, notifications: 5 } });
    // one notice each, however many events are suppressed afterwards
    expect(await send("ping", 7)).toMatchObject({ notification_count: 0, suppressed_notification_count: 1 });
    await h.runJobs();
    expect((await alerts()).length).toBe(2);
  });
});
