#!/usr/bin/env node
/**
 * `pnpm bench:notifications`: sustained event ingestion against a running BFF (`pnpm start`).
 *
 * Signs up a fresh workspace, moves it to the enterprise plan (as the demo super admin, so no
 * quota stops the run), creates one rule matching every event of the run, opens the inbox's SSE
 * stream as the owner, then sends RATE events/s (default 500) for DURATION_S seconds (default 60)
 * with `POST /api/v1/events` and the workspace's API key. Each notification that arrives over SSE
 * is matched to its event id: ingest→inbox latency is from the start of the POST to the SSE
 * frame. Lost = accepted events with no notification DRAIN_S seconds after the last send;
 * duplicated = notifications received more than once.
 *
 * Env: BASE_URL (default http://127.0.0.1:8080), RATE, DURATION_S, DRAIN_S (default 15),
 * ADMIN_EMAIL / ADMIN_PASSWORD (default the demo super admin). Prints a summary, then one JSON
 * object on the last line. Target (issue 5): p99 ≤ 100 ms, 0 lost, 0 duplicated.
 */
import { jsonCaller, percentile } from "./lib.mjs";

const BASE_URL = (process.env.BASE_URL ?? "http://127.0.0.1:8080").replace(/\/$/, "");
const RATE = Number(process.env.RATE ?? 500);
const DURATION_S = Number(process.env.DURATION_S ?? 60);
const DRAIN_S = Number(process.env.DRAIN_S ?? 15);
const ADMIN_EMAIL = process.env.ADMIN_EMAIL ?? "admin@neighbourhood.test";
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? "demo-password-1";
const MAX_IN_FLIGHT = 256;

const request = jsonCaller(BASE_URL);
async function call(method, path, options) {
  const res = await request(method, path, options);
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${res.text.slice(0, 300)}`);
  return res.body;
}

const login = async (email, password) => (await call("POST", "/api/v1/auth/login", { body: { email, password } })).access_token;


async function openStream(token, onNotification) {
  const controller = new AbortController();
  const res = await fetch(`${BASE_URL}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  if (!res.ok) throw new Error(`stream → ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let ready;
  const readyPromise = new Promise((r) => (ready = r));
  (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const now = performance.now();
        buffer += decoder.decode(value, { stream: true });
        let i;
        while ((i = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = frame.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("");
          if (event === "ready") ready();
          if (event === "notification") onNotification(JSON.parse(data), now);
        }
      }
    } catch (e) {
      if (e.name !== "AbortError") console.error("stream failed:", e.message);
    }
  })();
  await readyPromise;
  return () => controller.abort();
}

async function main() {
  const tag = Date.now().toString(36);
  const email = `bench-${tag}@bench.test`;
  const password = "bench-password-123";
  const signup = await call("POST", "/api/v1/workspaces", { body: { name: `Bench ${tag}`, email, password } });
  const admin = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
  await call("PUT", `/api/v1/admin/workspaces/${signup.workspace_id}/plan`, { token: admin, body: { plan: "enterprise" } });
  const owner = await login(email, password);
  await call("POST", "/api/v1/rules", { token: owner, body: { name: "bench", condition: 'event.type == "bench.tick"', target_roles: ["owner"], title_template: "Tick {{ event.payload.n }}" } });

  const sentAt = new Map(); // event id → POST start (ms)
  const startOf = new Map(); // n → POST start, for notifications that beat the POST's answer
  const seen = new Map(); // event id → count
  const latencies = [];
  const stop = await openStream(owner, (n, at) => {
    seen.set(n.event_id, (seen.get(n.event_id) ?? 0) + 1);
    if (seen.get(n.event_id) > 1) return;
    const started = sentAt.get(n.event_id) ?? startOf.get(Number(/Tick (\d+)/.exec(n.title)?.[1]));
    if (started !== undefined) latencies.push(at - started);
  });

  let accepted = 0;
  let refused = 0;
  let inFlight = 0;
  let skipped = 0;
  let n = 0;
  const t0 = performance.now();
  const total = RATE * DURATION_S;
  const send = async (i) => {
    inFlight += 1;
    const started = performance.now();
    startOf.set(i, started);
    try {
      const res = await fetch(`${BASE_URL}/api/v1/events`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${signup.api_key}` },
        body: JSON.stringify({ type: "bench.tick", clientEventId: `tick-${i}`, payload: { n: i } }),
      });
      const body = await res.json();
      if (res.status === 202) { accepted += 1; sentAt.set(body.id, started); } else refused += 1;
    } catch {
      refused += 1;
    } finally {
      inFlight -= 1;
    }
  };
  const pending = [];
  while (n < total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * RATE));
    while (n < due) {
      if (inFlight >= MAX_IN_FLIGHT) { skipped += due - n; n = due; break; }
      pending.push(send(n));
      n += 1;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(pending);
  const sendSeconds = (performance.now() - t0) / 1000;
  const drainUntil = Date.now() + DRAIN_S * 1000;
  while (Date.now() < drainUntil && [...sentAt.keys()].some((id) => !seen.has(id))) await new Promise((r) => setTimeout(r, 100));
  stop();

  const lost = [...sentAt.keys()].filter((id) => !seen.has(id)).length;
  const duplicated = [...seen.values()].filter((c) => c > 1).length;
  latencies.sort((a, b) => a - b);
  const result = {
    bench: "notifications", base_url: BASE_URL, target_rate: RATE, duration_s: DURATION_S,
    attempted: total - skipped, skipped_backpressure: skipped, accepted, refused,
    accepted_per_s: Math.round((accepted / sendSeconds) * 10) / 10,
    ingest_to_inbox_ms: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? null) },
    lost, duplicated,
    target_met: percentile(latencies, 99) !== null && percentile(latencies, 99) <= 100 && lost === 0 && duplicated === 0 && accepted / sendSeconds >= RATE * 0.95,
  };
  console.log(`accepted ${accepted} events in ${sendSeconds.toFixed(1)} s (${result.accepted_per_s}/s, target ${RATE}/s), refused ${refused}, skipped ${skipped}`);
  console.log(`ingest→inbox p50 ${result.ingest_to_inbox_ms.p50} ms, p99 ${result.ingest_to_inbox_ms.p99} ms; lost ${lost}, duplicated ${duplicated}`);
  console.log(JSON.stringify(result));
}

const round = (v) => (v === null ? null : Math.round(v * 10) / 10);

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
