/**
 * Event ingestion: both authentication forms, clientEventId de-duplication, batches, status,
 * and quotas at 80 % (warning event, inbox notice, e-mail) and 100 % (429 with the figures).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers } from "../../testing/fixtures";
import { settle, workspaceOnPlan } from "./test-support";

let h: Harness;
const mails: { to: string[]; body: string }[] = [];
let smtp: SMTPServer;

beforeAll(async () => {
  h = await openHarness();
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS"],
    onData(stream, session, cb) {
      let body = "";
      stream.on("data", (d: Buffer) => (body += d.toString()));
      stream.on("end", () => { mails.push({ to: session.envelope.rcptTo.map((r) => r.address), body }); cb(); });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  await h.close();
});

describe("POST /events", () => {
  it("accepts an event with a Bearer API key and answers its status", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const res = await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "order.completed", payload: { amount: 5000 }, timestamp: "2025-12-03T10:30:00Z" } });
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
    const wrong = await h.call("POST", "/api/v1/events", { headers: { "x-api-key": other.apiKey.slice(0, 22), "x-api-secret": ws.apiKey }, body: { type: "pair.bad" } });
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
    const [none] = await h.owner<{ n: number }[]>`select count(*)::int as n from domain_events where workspace_id = ${ws.workspaceId} and type = 'quota.warning'`;
    expect(none!.n).toBe(0);
    expect((await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "t" } })).status).toBe(202); // 4 of 5 = 80 %
    const warnings = await h.owner<{ payload: { usage: number; quota: number } }[]>`select payload from domain_events where workspace_id = ${ws.workspaceId} and type = 'quota.warning'`;
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
});
