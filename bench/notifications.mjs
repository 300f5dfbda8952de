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
 * find when slow answers happened), METRICS_TOKEN (if the server's /metrics wants one). Prints a
 * summary, then one JSON object on the last line. Target (issue 5): p99 ≤ 100 ms, 0 lost, 0
 * duplicated.
 *
 * From the server's /metrics, read before and after the measured phase, the JSON also carries
 * `server`: its resident memory (MB) before the warm-up and after the drain, its CPU time per
 * measured event (ms, all of the process's work), the hops of the server's part of the latency
 * (`queued`: receipt → the start of the evaluation batch that took it, `evaluated`: that start →
 * COMMIT, p50/p99 ms
 * interpolated from the histogram as Prometheus does) and the SSE streams' database reads per
 * event (0 when the process that evaluates also serves the stream: frames go out from the
 * committed batch), and the database's transactions and statements per event (the whole
 * database's, from pg_stat_database; statements only when PostgreSQL loads pg_stat_statements
 * and the extension is created, else null). CPU, transactions and statements per event depend
 * little on the machine's load: compare changes by them on a shared machine.
 *
 * `--fanout` (or FANOUT=1): issue 15's fan-out. Registers USERS (default 10,000) users through
 * `POST /api/v1/users/sync` (1,000 a call), HOLDERS (default 1,000) of them holding the user role
 * `bench-fanout`, creates a rule for that role, opens the workspace's stream with the API key
 * (it sees every user's notifications) and SAMPLE_STREAMS (default 100) users' own streams
 * through the client SDK's routes (publishable key and user hash), then sends RATE (default 50)
 * events/s for DURATION_S (default 30). An event's fan-out is delivered when all HOLDERS
 * notifications are on the workspace stream: ingest→delivery is from the start of its POST to
 * the last of them (target p99 ≤ 250 ms at 50 events/s); notifications delivered/s counts them
 * from the first measured POST to the last delivery; each sampled user's ingest→inbox is
 * reported too. Lost = an event with fewer than HOLDERS notifications after the drain.
 */
import http from "node:http";
import { jsonCaller, percentile, signInForBench } from "./lib.mjs";

const BASE_URL = (process.env.BASE_URL ?? "http://127.0.0.1:8080").replace(/\/$/, "");
const FANOUT = process.argv.includes("--fanout") || process.env.FANOUT === "1";
const RATE = Number(process.env.RATE ?? (FANOUT ? 50 : 500));
const DURATION_S = Number(process.env.DURATION_S ?? (FANOUT ? 30 : 60));
const USERS = Number(process.env.USERS ?? 10_000);
const HOLDERS = Number(process.env.HOLDERS ?? 1_000);
const SAMPLE_STREAMS = Number(process.env.SAMPLE_STREAMS ?? 100);
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
// sockets left idle are closed before the server's keep-alive timeout (5 s) would close them:
// reusing one the server is closing at that moment fails with ECONNRESET
const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT, timeout: 4000 });
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

/**
 * Opens an SSE stream (default the inbox stream with a Bearer token) and calls
 * `onNotification(data, at)` per notification frame: `data` parsed, or with `raw` the frame's
 * data text unparsed (the fan-out's workspace stream carries ~50,000 frames/s).
 */
async function openStream(token, onNotification, { path = "/api/v1/notifications/stream", headers = {}, raw = false } = {}) {
  const controller = new AbortController();
  const res = await fetch(`${BASE_URL}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers }, signal: controller.signal });
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
          if (event === "notification") onNotification(raw ? data : JSON.parse(data), now);
        }
      }
    } catch (e) {
      if (e.name !== "AbortError") console.error("stream failed:", e.message);
    }
  })();
  await readyPromise;
  return () => controller.abort();
}

/** The server's /metrics as `{ name{labels} → value }` (null when it cannot be read). */
async function scrapeMetrics() {
  try {
    const res = await fetch(`${BASE_URL}/metrics`, { headers: process.env.METRICS_TOKEN ? { authorization: `Bearer ${process.env.METRICS_TOKEN}` } : {} });
    if (!res.ok) return null;
    const values = new Map();
    for (const line of (await res.text()).split("\n")) {
      if (!line || line.startsWith("#")) continue;
      const at = line.lastIndexOf(" ");
      values.set(line.slice(0, at), Number(line.slice(at + 1)));
    }
    return values;
  } catch {
    return null;
  }
}

const metric = (m, key) => m?.get(key) ?? 0;
const mb = (m) => (m?.has("nh_process_resident_memory_bytes") ? Math.round(m.get("nh_process_resident_memory_bytes") / 2 ** 20) : null);

/** The q-quantile (0–1) in ms of a histogram's change between two scrapes, interpolated in its bucket as Prometheus' histogram_quantile. */
function histogramQuantile(before, after, name, labels, q) {
  const buckets = [];
  for (const [key, v] of after ?? []) {
    const m = key.startsWith(`${name}_bucket{`) && key.includes(labels) ? /le="([^"]+)"/.exec(key) : null;
    if (m) buckets.push([m[1] === "+Inf" ? Infinity : Number(m[1]), v - metric(before, key)]);
  }
  buckets.sort((a, b) => a[0] - b[0]);
  const total = buckets.at(-1)?.[1] ?? 0;
  if (!total) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [le, count] of buckets) {
    if (count >= rank) {
      if (le === Infinity) return round(lower * 1000);
      return round((lower + ((le - lower) * (rank - below)) / Math.max(1, count - below)) * 1000);
    }
    lower = le;
    below = count;
  }
  return null;
}

/** A gauge's growth between two scrapes per event (two decimals); null when either scrape lacks it. */
const perEvent = (before, after, name, events) =>
  events && before?.has(name) && after?.has(name) ? Math.round(((after.get(name) - before.get(name)) / events) * 100) / 100 : null;

/** What the server's metrics say about a measured phase of `events` events (see the module comment). */
function serverFigures(start, before, after, events) {
  if (!after) return null;
  const hop = (stage) => ({
    p50: histogramQuantile(before, after, "nh_notification_pipeline_seconds", `stage="${stage}"`, 0.5),
    p99: histogramQuantile(before, after, "nh_notification_pipeline_seconds", `stage="${stage}"`, 0.99),
  });
  const reads = ["notify", "behind"].reduce(
    (n, r) => n + metric(after, `nh_inbox_stream_reads_total{reason="${r}"}`) - metric(before, `nh_inbox_stream_reads_total{reason="${r}"}`),
    0,
  );
  return {
    rss_mb_start: mb(start),
    rss_mb_end: mb(after),
    cpu_ms_per_event: events
      ? Math.round(((metric(after, "nh_process_cpu_seconds_total") - metric(before, "nh_process_cpu_seconds_total")) * 100_000) / events) / 100
      : null,
    hops_ms: { queued: hop("queued"), evaluated: hop("evaluated"), committed: hop("committed") },
    // null against a server without the pipeline metrics (before decision 029)
    stream_reads_per_event: events && after.has("nh_inbox_stream_frames_in_process_total") ? round(reads / events) : null,
    // the whole database's, from pg_stat_database and pg_stat_statements (null when the server does not report them: decision 036)
    transactions_per_event: perEvent(before, after, "nh_db_transactions", events),
    statements_per_event: perEvent(before, after, "nh_db_statements", events),
  };
}

/**
 * Sends `rate` events/s of `type` for `seconds` with the API key `apiKey` (at most MAX_IN_FLIGHT
 * unanswered: the rest are skipped and counted). `onSend(n, started)` before each POST, `onAccepted(id,
 * n, started)` after a 202. Answers `{ accepted, refused, errors (what the refused got, counted), skipped, answers (ms), seconds }`.
 */
async function drive({ apiKey, type, rate, seconds, firstN, onSend = () => {}, onAccepted = () => {}, onAnswer = () => {} }) {
  const stats = { accepted: 0, refused: 0, skipped: 0, answers: [], errors: {} };
  let inFlight = 0;
  let next = firstN;
  const t0 = performance.now();
  const total = rate * seconds;
  const send = async (i) => {
    inFlight += 1;
    const started = performance.now();
    onSend(i, started);
    try {
      const res = await postJson("/api/v1/events", apiKey, { type, clientEventId: `tick-${i}`, payload: { n: i } });
      const answered = performance.now() - started;
      stats.answers.push(answered);
      onAnswer(started - t0, answered);
      if (res.status === 202) {
        stats.accepted += 1;
        onAccepted(res.body.id, i, started);
      } else {
        stats.refused += 1;
        stats.errors[`HTTP ${res.status}`] = (stats.errors[`HTTP ${res.status}`] ?? 0) + 1;
      }
    } catch (e) {
      stats.refused += 1;
      stats.errors[e.code ?? e.message] = (stats.errors[e.code ?? e.message] ?? 0) + 1;
    } finally {
      inFlight -= 1;
    }
  };
  const pending = [];
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
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
  stats.next = next;
  return stats;
}

async function signUpBenchWorkspace() {
  const tag = Date.now().toString(36);
  const email = `bench-${tag}@bench.test`;
  const password = "bench-password-123";
  const signup = await call("POST", "/api/v1/workspaces", { body: { name: `Bench ${tag}`, email, password } });
  const admin = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
  await call("PUT", `/api/v1/admin/workspaces/${signup.workspace_id}/plan`, { token: admin, body: { plan: "enterprise" } });
  return { signup, owner: await login(email, password) };
}

async function main() {
  const startMetrics = await scrapeMetrics();
  const { signup, owner } = await signUpBenchWorkspace();
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

  const trace = [];
  const phase = (seconds, isMeasured, firstN) =>
    drive({
      apiKey: signup.api_key,
      type: "bench.tick",
      rate: RATE,
      seconds,
      firstN,
      onSend: (i, started) => {
        startOf.set(i, started);
        if (isMeasured) measured.add(i);
      },
      onAccepted: (id, _i, started) => sentAt.set(id, started),
      onAnswer: (at, ms) => {
        if (isMeasured && process.env.BENCH_TRACE) trace.push([Math.round(at), Math.round(ms)]);
      },
    });
  const waitForInbox = async (seconds) => {
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until && [...sentAt.keys()].some((id) => !seen.has(id))) await new Promise((r) => setTimeout(r, 100));
  };

  // the warm-up lets the server reach its steady state (JIT, pool connections, prepared statements)
  let next = 0;
  if (WARMUP_S > 0) {
    const warm = await phase(WARMUP_S, false, next);
    next = warm.next;
    await waitForInbox(DRAIN_S);
    console.log(
      `warm-up: ${warm.accepted} events in ${warm.seconds.toFixed(1)} s, answered p99 ${round(percentile(warm.answers, 99))} ms (not in the figures below)`,
    );
  }
  const before = await scrapeMetrics();
  const run = await phase(DURATION_S, true, next);
  const { accepted, refused, skipped } = run;
  const sendSeconds = run.seconds;
  await waitForInbox(DRAIN_S);
  const after = await scrapeMetrics();
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
    // what the refused requests got: `HTTP <status>` or the client's error code
    refused_by: run.errors,
    accepted_per_s: Math.round((accepted / sendSeconds) * 10) / 10,
    ingest_answer_ms: { p50: round(percentile(run.answers, 50)), p99: round(percentile(run.answers, 99)) },
    ingest_to_inbox_ms: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? null) },
    lost,
    duplicated,
    server: serverFigures(startMetrics, before, after, accepted),
    target_met:
      percentile(latencies, 99) !== null && percentile(latencies, 99) <= 100 && lost === 0 && duplicated === 0 && accepted / sendSeconds >= RATE * 0.95,
  };
  console.log(
    `accepted ${accepted} events in ${sendSeconds.toFixed(1)} s (${result.accepted_per_s}/s, target ${RATE}/s), refused ${refused}, skipped ${skipped}`,
  );
  console.log(`POST /api/v1/events answered: p50 ${result.ingest_answer_ms.p50} ms, p99 ${result.ingest_answer_ms.p99} ms`);
  console.log(`ingest→inbox p50 ${result.ingest_to_inbox_ms.p50} ms, p99 ${result.ingest_to_inbox_ms.p99} ms; lost ${lost}, duplicated ${duplicated}`);
  printServer(result.server);
  console.log(JSON.stringify(result));
}

function printServer(server) {
  if (!server) return console.log("server: /metrics could not be read (METRICS_TOKEN?)");
  const h = server.hops_ms;
  console.log(
    `server: RSS ${server.rss_mb_start} → ${server.rss_mb_end} MB, ${server.cpu_ms_per_event} ms CPU per event; receipt→batch p50 ${h.queued.p50} / p99 ${h.queued.p99} ms, batch→committed p50 ${h.evaluated.p50} / p99 ${h.evaluated.p99} ms; ${server.stream_reads_per_event} stream reads per event; ${server.transactions_per_event ?? "?"} transactions and ${server.statements_per_event ?? "?"} statements per event`,
  );
}

/** `--fanout`: USERS users, HOLDERS of them holding the rule's role, RATE events/s (see the module comment). */
async function mainFanout() {
  const startMetrics = await scrapeMetrics();
  const { signup, owner } = await signUpBenchWorkspace();
  const role = "bench-fanout";
  await call("POST", "/api/v1/roles", { token: owner, body: { key: role, name: "Bench fan-out" } });
  const seedStarted = performance.now();
  for (let from = 0; from < USERS; from += 1000) {
    const users = Array.from({ length: Math.min(1000, USERS - from) }, (_, k) => ({
      externalUserId: `bench-user-${from + k}`,
      status: "active",
      roles: from + k < HOLDERS ? [role] : [],
    }));
    const res = await call("POST", "/api/v1/users/sync", { token: owner, body: { users } });
    if (res.failed) throw new Error(`users sync: ${res.failed} rows failed: ${JSON.stringify(res.items.find((r) => r.outcome === "failed"))}`);
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  console.log(`seeded ${USERS} users (${HOLDERS} with the role ${role}) through /api/v1/users/sync in ${seedSeconds.toFixed(1)} s`);
  await call("POST", "/api/v1/rules", {
    token: owner,
    body: { name: "bench fan-out", condition: 'event.type == "bench.fanout"', target_user_roles: [role], title_template: "Fan {{ event.payload.n }}" },
  });

  const startOf = new Map(); // n → POST start
  const nOf = new Map(); // event id → n
  const measured = new Set();
  const counts = new Map(); // event id → notifications seen on the workspace stream
  const complete = []; // ingest→delivery of each measured event's whole fan-out (ms)
  const perUser = []; // ingest→inbox on the sampled users' own streams (ms)
  let delivered = 0; // notifications of measured events on the workspace stream
  let lastDelivery = 0;
  const pendingFirst = new Map(); // event id → frames seen before its POST answered
  const onWorkspaceFrame = (data, at) => {
    const k = data.indexOf('"event_id":"');
    const id = data.slice(k + 12, k + 48);
    const n = (counts.get(id) ?? 0) + 1;
    counts.set(id, n);
    const i = nOf.get(id);
    if (i === undefined) {
      pendingFirst.set(id, at);
      return;
    }
    if (!measured.has(i)) return;
    delivered += 1;
    lastDelivery = at;
    if (n === HOLDERS) complete.push(at - startOf.get(i));
  };
  const stops = [await openStream(signup.api_key, onWorkspaceFrame, { raw: true })];
  const keys = await call("GET", `/api/v1/workspaces/${signup.workspace_id}/client-keys`, { token: owner });
  const { createHmac } = await import("node:crypto");
  for (let u = 0; u < Math.min(SAMPLE_STREAMS, HOLDERS); u++) {
    const ext = `bench-user-${Math.floor((u * HOLDERS) / Math.min(SAMPLE_STREAMS, HOLDERS))}`;
    const headers = {
      "x-nhood-workspace": signup.workspace_id,
      "x-nhood-user": ext,
      "x-nhood-user-hash": createHmac("sha256", keys.user_hash_secret).update(ext, "utf8").digest("hex"),
    };
    stops.push(
      await openStream(
        keys.publishable_key,
        (note, at) => {
          const i = Number(/Fan (\d+)/.exec(note.title)?.[1]);
          if (measured.has(i)) perUser.push(at - startOf.get(i));
        },
        { path: "/api/v1/client/notifications/stream", headers },
      ),
    );
  }

  const accepted = new Set();
  const phase = (seconds, isMeasured, firstN) =>
    drive({
      apiKey: signup.api_key,
      type: "bench.fanout",
      rate: RATE,
      seconds,
      firstN,
      onSend: (i, started) => {
        startOf.set(i, started);
        if (isMeasured) measured.add(i);
      },
      onAccepted: (id, i) => {
        accepted.add(id);
        nOf.set(id, i);
        // frames that arrived before the POST's answer
        if (pendingFirst.has(id) && isMeasured) {
          const n = counts.get(id);
          delivered += n;
          lastDelivery = Math.max(lastDelivery, pendingFirst.get(id));
          if (n === HOLDERS) complete.push(pendingFirst.get(id) - startOf.get(i));
        }
        pendingFirst.delete(id);
      },
    });
  const waitForFanOut = async (seconds) => {
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until && [...accepted].some((id) => (counts.get(id) ?? 0) < HOLDERS)) await new Promise((r) => setTimeout(r, 100));
  };
  let next = 0;
  if (WARMUP_S > 0) {
    const warm = await phase(WARMUP_S, false, next);
    next = warm.next;
    await waitForFanOut(DRAIN_S);
    console.log(`warm-up: ${warm.accepted} events (${warm.accepted * HOLDERS} notifications) in ${warm.seconds.toFixed(1)} s (not in the figures below)`);
  }
  const before = await scrapeMetrics();
  const firstSend = performance.now();
  const run = await phase(DURATION_S, true, next);
  await waitForFanOut(DRAIN_S);
  const after = await scrapeMetrics();
  for (const stop of stops) stop();

  const lost = [...accepted].filter((id) => (counts.get(id) ?? 0) < HOLDERS).length;
  const duplicated = [...accepted].filter((id) => (counts.get(id) ?? 0) > HOLDERS).length;
  const p = (values, q) => round(percentile(values, q));
  const result = {
    bench: "notifications-fanout",
    base_url: BASE_URL,
    users: USERS,
    role_holders: HOLDERS,
    sampled_user_streams: Math.min(SAMPLE_STREAMS, HOLDERS),
    users_sync_s: round(seedSeconds),
    target_rate: RATE,
    duration_s: DURATION_S,
    warmup_s: WARMUP_S,
    accepted: run.accepted,
    refused: run.refused,
    refused_by: run.errors,
    skipped_backpressure: run.skipped,
    accepted_per_s: round(run.accepted / run.seconds),
    ingest_answer_ms: { p50: p(run.answers, 50), p99: p(run.answers, 99) },
    notifications_delivered: delivered,
    notifications_delivered_per_s: lastDelivery > firstSend ? Math.round(delivered / ((lastDelivery - firstSend) / 1000)) : null,
    ingest_to_delivery_ms: { p50: p(complete, 50), p99: p(complete, 99), max: round(complete.length ? Math.max(...complete) : null) },
    per_user_ingest_to_inbox_ms: { p50: p(perUser, 50), p99: p(perUser, 99) },
    lost,
    duplicated,
    server: serverFigures(startMetrics, before, after, run.accepted),
    target_met:
      percentile(complete, 99) !== null && percentile(complete, 99) <= 250 && lost === 0 && duplicated === 0 && run.accepted / run.seconds >= RATE * 0.95,
  };
  console.log(
    `accepted ${run.accepted} events in ${run.seconds.toFixed(1)} s (${result.accepted_per_s}/s, target ${RATE}/s), refused ${run.refused}, skipped ${run.skipped}`,
  );
  console.log(
    `delivered ${delivered} notifications (${result.notifications_delivered_per_s}/s); ingest→delivery of the whole fan-out p50 ${result.ingest_to_delivery_ms.p50} ms, p99 ${result.ingest_to_delivery_ms.p99} ms; a sampled user's ingest→inbox p99 ${result.per_user_ingest_to_inbox_ms.p99} ms; lost ${lost}, duplicated ${duplicated}`,
  );
  printServer(result.server);
  console.log(JSON.stringify(result));
}

const round = (v) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);

(FANOUT ? mainFanout : main)().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
