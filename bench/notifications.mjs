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
 * A warm-up of WARMUP_S seconds (default 5) at the same rate comes first: its events count toward
 * lost and duplicated, not toward the rate or latency figures, which describe the steady state.
 *
 * Env: BASE_URL (default http://127.0.0.1:8080), RATE, DURATION_S, DRAIN_S (default 15),
 * ADMIN_EMAIL / ADMIN_PASSWORD (default the demo super admin), BENCH_TRACE (a file that gets one
 * line per measured POST: its start in ms from the run's start, and its answer time in ms, to
 * find when slow answers happened). Prints a summary, then one JSON
 * object on the last line. Target (issue 5): p99 ≤ 100 ms, 0 lost, 0 duplicated.
 */
import http from "node:http";
import { jsonCaller, percentile, signInForBench } from "./lib.mjs";

const BASE_URL = (process.env.BASE_URL ?? "http://127.0.0.1:8080").replace(/\/$/, "");
const RATE = Number(process.env.RATE ?? 500);
const DURATION_S = Number(process.env.DURATION_S ?? 60);
const DRAIN_S = Number(process.env.DRAIN_S ?? 15);
const WARMUP_S = Number(process.env.WARMUP_S ?? 5);
const ADMIN_EMAIL = process.env.ADMIN_EMAIL ?? "admin@neighbourhood.test";
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? "demo-password-1";
const MAX_IN_FLIGHT = 256;

const request = jsonCaller(BASE_URL);
async function call(method, path, options) {
  const res = await request(method, path, options);
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${res.text.slice(0, 300)}`);
  return res.body;
}

// the load generator shares the machine with the server: plain node:http over kept-alive
// sockets costs it less CPU per request than fetch
const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
const target = new URL(BASE_URL);
/** POSTs `body` as JSON with a Bearer token; answers `{ status, body }` (body parsed). */
function postJson(path, token, body) {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port || 80,
        path,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data), authorization: `Bearer ${token}` },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => {
          try {
            resolve({ status: res.statusCode, body: JSON.parse(text) });
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

// demo staff answer the second factor with the documented TOTP secret (issue 18)
const login = (email, password) => signInForBench(request, email, password);

async function openStream(token, onNotification) {
  const controller = new AbortController();
  const res = await fetch(`${BASE_URL}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  if (!res.ok) throw new Error(`stream → ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let ready;
  const readyPromise = new Promise((r) => (ready = r));
  // errors end the loop inside (an abort is how the stream is closed)
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const now = performance.now();
        buffer += decoder.decode(value, { stream: true });
        for (let i = buffer.indexOf("\n\n"); i >= 0; i = buffer.indexOf("\n\n")) {
          const frame = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = frame
            .split("\n")
            .filter((l) => l.startsWith("data: "))
            .map((l) => l.slice(6))
            .join("");
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
  await call("POST", "/api/v1/rules", {
    token: owner,
    body: { name: "bench", condition: 'event.type == "bench.tick"', target_roles: ["owner"], title_template: "Tick {{ event.payload.n }}" },
  });

  // every event of the run, warm-up included, counts toward lost and duplicated
  const sentAt = new Map(); // event id → POST start (ms)
  const startOf = new Map(); // n → POST start, for notifications that beat the POST's answer
  const seen = new Map(); // event id → count
  const measured = new Set(); // n of the events sent after the warm-up
  const latencies = [];
  const stop = await openStream(owner, (note, at) => {
    seen.set(note.event_id, (seen.get(note.event_id) ?? 0) + 1);
    if (seen.get(note.event_id) > 1) return;
    const i = Number(/Tick (\d+)/.exec(note.title)?.[1]);
    if (!measured.has(i)) return;
    const started = sentAt.get(note.event_id) ?? startOf.get(i);
    if (started !== undefined) latencies.push(at - started);
  });

  let next = 0; // the n of the next event
  const trace = [];
  /** Sends RATE events/s for `seconds`; answers what the phase saw. */
  const drive = async (seconds, isMeasured) => {
    const stats = { accepted: 0, refused: 0, skipped: 0, answers: [] };
    let inFlight = 0;
    const t0 = performance.now();
    const total = RATE * seconds;
    const send = async (i) => {
      inFlight += 1;
      const started = performance.now();
      startOf.set(i, started);
      if (isMeasured) measured.add(i);
      try {
        const res = await postJson("/api/v1/events", signup.api_key, { type: "bench.tick", clientEventId: `tick-${i}`, payload: { n: i } });
        const body = res.body;
        stats.answers.push(performance.now() - started);
        if (isMeasured && process.env.BENCH_TRACE) trace.push([Math.round(started - t0), Math.round(performance.now() - started)]);
        if (res.status === 202) {
          stats.accepted += 1;
          sentAt.set(body.id, started);
        } else stats.refused += 1;
      } catch {
        stats.refused += 1;
      } finally {
        inFlight -= 1;
      }
    };
    const pending = [];
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * RATE));
      while (sent < due) {
        if (inFlight >= MAX_IN_FLIGHT) {
          stats.skipped += due - sent;
          sent = due;
          break;
        }
        pending.push(send(next++));
        sent += 1;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(pending);
    stats.seconds = (performance.now() - t0) / 1000;
    return stats;
  };
  const waitForInbox = async (seconds) => {
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until && [...sentAt.keys()].some((id) => !seen.has(id))) await new Promise((r) => setTimeout(r, 100));
  };

  // the warm-up lets the server reach its steady state (JIT, pool connections, prepared statements)
  if (WARMUP_S > 0) {
    const warm = await drive(WARMUP_S, false);
    await waitForInbox(DRAIN_S);
    console.log(
      `warm-up: ${warm.accepted} events in ${warm.seconds.toFixed(1)} s, answered p99 ${round(percentile(warm.answers, 99))} ms (not in the figures below)`,
    );
  }
  const run = await drive(DURATION_S, true);
  const { accepted, refused, skipped } = run;
  const sendSeconds = run.seconds;
  await waitForInbox(DRAIN_S);
  stop();

  if (process.env.BENCH_TRACE) (await import("node:fs")).writeFileSync(process.env.BENCH_TRACE, trace.map((r) => r.join(" ")).join("\n"));
  const lost = [...sentAt.keys()].filter((id) => !seen.has(id)).length;
  const duplicated = [...seen.values()].filter((c) => c > 1).length;
  latencies.sort((a, b) => a - b);
  const result = {
    bench: "notifications",
    base_url: BASE_URL,
    target_rate: RATE,
    duration_s: DURATION_S,
    warmup_s: WARMUP_S,
    attempted: RATE * DURATION_S - skipped,
    skipped_backpressure: skipped,
    accepted,
    refused,
    accepted_per_s: Math.round((accepted / sendSeconds) * 10) / 10,
    ingest_answer_ms: { p50: round(percentile(run.answers, 50)), p99: round(percentile(run.answers, 99)) },
    ingest_to_inbox_ms: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? null) },
    lost,
    duplicated,
    target_met:
      percentile(latencies, 99) !== null && percentile(latencies, 99) <= 100 && lost === 0 && duplicated === 0 && accepted / sendSeconds >= RATE * 0.95,
  };
  console.log(
    `accepted ${accepted} events in ${sendSeconds.toFixed(1)} s (${result.accepted_per_s}/s, target ${RATE}/s), refused ${refused}, skipped ${skipped}`,
  );
  console.log(`POST /api/v1/events answered: p50 ${result.ingest_answer_ms.p50} ms, p99 ${result.ingest_answer_ms.p99} ms`);
  console.log(`ingest→inbox p50 ${result.ingest_to_inbox_ms.p50} ms, p99 ${result.ingest_to_inbox_ms.p99} ms; lost ${lost}, duplicated ${duplicated}`);
  console.log(JSON.stringify(result));
}

const round = (v) => (v === null ? null : Math.round(v * 10) / 10);

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
