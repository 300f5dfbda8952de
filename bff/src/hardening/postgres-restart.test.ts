/**
 * PostgreSQL restarted under load. A disposable embedded PostgreSQL (its own cluster under
 * NHOOD_DATA_DIR, a free port) and one BFF process (`src/server.ts`: web and workers, as
 * `pnpm start` runs it). Callers send a steady load of workflow webhooks
 * (`POST /webhooks/{workspace_id}/restart`, a 3-step workflow with a short wait in the middle, so
 * executions are in flight) and ingested events (`POST /api/v1/events`); after a few seconds
 * PostgreSQL is stopped (fast shutdown: every session is cut), left down for a few seconds, and
 * started again.
 *
 * Expected: the process never exits; `GET /api/health` answers 503 problem+json while the
 * database is down; every request is answered (none hangs) with 202, or 503 problem+json with
 * Retry-After (never a 500 or a body-less error); every 202 reaches its final state once
 * PostgreSQL is back (execution succeeded, event processed). Prints one JSON line with the
 * figures: accepted, completed, refused_503, health_503_seen, outage_s, recovery_s.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedServer } from "../db/embedded";
import { dataDir } from "../config";
import { freePort, startProcess, type BffProcess } from "../testing/processes";

const LOAD_BEFORE_MS = 2500;
const OUTAGE_MS = 4000;
const CLIENTS_PER_KIND = 3;
const REQUEST_TIMEOUT_MS = 15_000;

const name = `restart-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
let port: number;
let pg: EmbeddedServer | null = null;
let bff: BffProcess | null = null;
let exited: string | null = null;

beforeAll(async () => {
  port = await freePort();
  pg = await startEmbeddedPostgres(name, port);
  bff = await startProcess([], { DATABASE_URL: pg.url, NHOOD_SEED: "0", WORKER_CONCURRENCY: "8" });
  bff.child.once("exit", (code, signal) => {
    exited = `exit ${code ?? signal}`;
  });
}, 240_000);

afterAll(async () => {
  await bff?.stop();
  await pg?.stop();
  fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
  fs.rmSync(path.join(dataDir, `${name}.password`), { force: true });
});

interface Outcome {
  kind: "webhook" | "event";
  status: number;
  problem: boolean;
  retryAfter: boolean;
  id?: string;
  at: number;
  ms: number;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One request; a transport failure or a timeout is recorded as status 0 (a hang or a drop). */
async function send(kind: Outcome["kind"], url: string, headers: Record<string, string>, body: unknown): Promise<Outcome> {
  const at = performance.now();
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    const problem = (res.headers.get("content-type") ?? "").startsWith("application/problem+json") && text.length > 0;
    const json = res.status === 202 ? (JSON.parse(text) as { execution_id?: string; id?: string }) : null;
    return {
      kind,
      status: res.status,
      problem,
      retryAfter: res.headers.has("retry-after"),
      id: json?.execution_id ?? json?.id,
      at,
      ms: performance.now() - at,
      ...(res.status >= 500 && res.status !== 503 ? { error: text.slice(0, 200) } : {}),
    };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    return {
      kind,
      status: 0,
      problem: false,
      retryAfter: false,
      at,
      ms: performance.now() - at,
      error: `${err.name}: ${err.message} ${err.cause?.code ?? ""}`,
    };
  }
}

describe("PostgreSQL restarted under load", () => {
  it("keeps the process up, answers 503 meanwhile, and completes everything it accepted", async () => {
    const base = bff!.url;
    const signUp = await fetch(`${base}/api/v1/workspaces`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Restart Co", email: `restart-${Date.now()}@fresh.test`, password: "fresh-password-123" }),
    });
    expect(signUp.status).toBe(201);
    const ws = (await signUp.json()) as { workspace_id: string; api_key: string };
    const owner = postgres(pg!.url, { max: 1, onnotice: () => {} });
    await owner`update workspaces set plan = 'enterprise' where id = ${ws.workspace_id}`; // no quota or rate limit in the way
    await owner.end();
    const auth = { authorization: `Bearer ${ws.api_key}` };
    const created = await fetch(`${base}/api/v1/workspaces/${ws.workspace_id}/workflows`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({
        name: "Restart",
        trigger: { type: "webhook", path: "/restart" },
        steps: [
          { id: "shape", provider: "core", action: "transform", config: { n: "{{ n }}" } },
          { id: "wait", provider: "core", action: "delay", config: { ms: 150 } },
          { id: "done", provider: "core", action: "transform", config: { n: "{{ steps.shape.output.n }}" } },
        ],
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);

    const outcomes: Outcome[] = [];
    let stopLoad = false;
    let n = 0;
    const clients = [
      ...Array.from({ length: CLIENTS_PER_KIND }, async () => {
        while (!stopLoad) outcomes.push(await send("webhook", `${base}/webhooks/${ws.workspace_id}/restart`, {}, { n: n++ }));
      }),
      ...Array.from({ length: CLIENTS_PER_KIND }, async () => {
        while (!stopLoad) outcomes.push(await send("event", `${base}/api/v1/events`, auth, { type: "restart.tick", payload: { n: n++ } }));
      }),
    ].map((p) => p.then(() => sleep(0)));
    const health: { at: number; end: number; status: number; problem: boolean }[] = [];
    let stopHealth = false;
    const healthPoller = (async () => {
      while (!stopHealth) {
        const at = performance.now();
        const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
        health.push({
          at,
          end: performance.now(),
          status: res?.status ?? 0,
          problem: (res?.headers.get("content-type") ?? "").startsWith("application/problem+json"),
        });
        await res?.arrayBuffer();
        await sleep(200);
      }
    })();

    await sleep(LOAD_BEFORE_MS);
    const stopping = performance.now();
    await pg!.stop();
    const down = performance.now();
    await sleep(OUTAGE_MS);
    const aliveDuringOutage = bff!.child.exitCode === null && exited === null;
    const startAt = performance.now();
    pg = await startEmbeddedPostgres(name, port);
    const up = performance.now();
    let healthyAt: number | null = null;
    for (let i = 0; i < 300 && healthyAt === null; i++) {
      const ok = health.find((h) => h.at >= up && h.status === 200);
      if (ok) healthyAt = ok.at;
      else await sleep(100);
    }
    await sleep(1500); // load goes on after recovery
    stopLoad = true;
    await Promise.all(clients);
    stopHealth = true;
    await healthPoller;

    // every accepted request reaches its final state once PostgreSQL is back
    const accepted = outcomes.filter((o) => o.status === 202);
    const executionIds = accepted.filter((o) => o.kind === "webhook").map((o) => o.id!);
    const eventIds = accepted.filter((o) => o.kind === "event").map((o) => o.id!);
    const check = postgres(pg.url, { max: 1, onnotice: () => {} });
    let done = { executions: 0, events: 0, failed: 0 };
    const deadline = performance.now() + 30_000;
    try {
      for (;;) {
        const [e] = await check<
          { ok: number; bad: number }[]
        >`select count(*) filter (where status = 'succeeded')::int as ok, count(*) filter (where status in ('failed', 'cancelled'))::int as bad
          from workflow_executions where id = any(${executionIds}::uuid[])`;
        const [v] = await check<
          { ok: number }[]
        >`select count(*)::int as ok from ingested_events where id = any(${eventIds}::uuid[]) and processed_at is not null`;
        done = { executions: e!.ok, events: v!.ok, failed: e!.bad };
        if ((done.executions + done.failed === executionIds.length && done.events === eventIds.length) || performance.now() > deadline) break;
        await sleep(250);
      }
    } finally {
      await check.end();
    }
    const completedAt = performance.now();

    const refused = outcomes.filter((o) => o.status === 503);
    const during = health.filter((h) => h.at >= down && h.end < startAt); // asked and answered while PostgreSQL was down
    const figures = {
      figure: "postgres_restart",
      accepted: accepted.length,
      accepted_webhooks: executionIds.length,
      accepted_events: eventIds.length,
      completed: done.executions + done.events,
      executions_succeeded: done.executions,
      executions_failed: done.failed,
      events_processed: done.events,
      refused_503: refused.length,
      other_answers: Object.fromEntries(
        [...new Set(outcomes.filter((o) => o.status !== 202 && o.status !== 503).map((o) => o.status))].map((s) => [
          s,
          outcomes.filter((o) => o.status === s).length,
        ]),
      ),
      health_503_seen: during.some((h) => h.status === 503 && h.problem),
      health_during_outage: Object.fromEntries([...new Set(during.map((h) => h.status))].map((s) => [s, during.filter((h) => h.status === s).length])),
      outage_s: Math.round((startAt - stopping) / 100) / 10,
      recovery_s: healthyAt === null ? null : Math.round((healthyAt - up) / 100) / 10,
      all_final_after_restart_s: Math.round((completedAt - up) / 100) / 10,
      process_alive: aliveDuringOutage && bff!.child.exitCode === null && exited === null,
    };
    console.log(JSON.stringify(figures));
    const odd = outcomes.filter((o) => o.status !== 202 && o.status !== 503);
    if (odd.length) console.log(JSON.stringify(odd.map((o) => ({ ...o, at: Math.round(o.at - stopping), ms: Math.round(o.ms) }))));
    const incomplete = done.executions !== executionIds.length || done.events !== eventIds.length;
    if (!figures.process_alive || odd.length || incomplete) {
      const lines = bff!
        .output()
        .split("\n")
        .filter((l) => /"level":(50|60)/.test(l));
      const counts = new Map<string, number>();
      for (const l of lines) {
        const msg = (/"msg":"([^"]{0,140})/.exec(l)?.[1] ?? l.slice(0, 140)).replace(/\d+/g, "N");
        counts.set(msg, (counts.get(msg) ?? 0) + 1);
      }
      console.log("BFF errors during the run:", JSON.stringify(Object.fromEntries(counts), null, 1));
    }

    expect(figures.process_alive).toBe(true);
    expect(figures.health_503_seen).toBe(true);
    expect(figures.recovery_s).not.toBeNull();
    expect(figures.other_answers).toEqual({}); // only 202 or 503: no 500, no hang, no dropped connection
    expect(refused.every((o) => o.problem && o.retryAfter)).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    expect(accepted.filter((o) => o.at > up).length).toBeGreaterThan(0); // accepting again after the restart
    expect({ succeeded: done.executions, processed: done.events }).toEqual({ succeeded: executionIds.length, processed: eventIds.length });
  }, 90_000);
});
