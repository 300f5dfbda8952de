#!/usr/bin/env node
/**
 * `pnpm bench:leads`: lead ingestion throughput against a running BFF (`pnpm start`, started with
 * a rate limit above the run's volume, e.g. `LEAD_INGEST_RATE_LIMIT=1000000`).
 *
 * Signs in as the demo owner (OWNER_EMAIL / OWNER_PASSWORD), creates a fresh CRM client and a
 * lead-source key, then posts N leads (default 2000) with CLIENTS concurrent callers (default 32)
 * to `POST /api/v1/leads/ingest`, each with its own lead_reference_id and a national phone number
 * to normalise; then replays REPLAYS of them (default 200) to measure the dedup path. Every new
 * lead also writes its timeline entry, a `lead.created` domain event and its dispatch job.
 *
 * Env: BASE_URL (default http://127.0.0.1:8080). Prints a summary, then one JSON object on the
 * last line: leads/s, ingest p50/p99 (ms), replay p50/p99 (ms), errors.
 */
import { jsonCaller, percentile } from "./lib.mjs";

const BASE_URL = (process.env.BASE_URL ?? "http://127.0.0.1:8080").replace(/\/$/, "");
const N = Number(process.env.N ?? 2000);
const CLIENTS = Number(process.env.CLIENTS ?? 32);
const REPLAYS = Number(process.env.REPLAYS ?? 200);
const OWNER_EMAIL = process.env.OWNER_EMAIL ?? "owner@acme.test";
const OWNER_PASSWORD = process.env.OWNER_PASSWORD ?? "demo-password-1";

const call = jsonCaller(BASE_URL);

const pct = (xs, p) => {
  const v = percentile(xs, p);
  return v === null ? null : Math.round(v * 10) / 10;
};

async function run(count, make) {
  const latencies = [];
  const statuses = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        const res = await make(i);
        latencies.push(performance.now() - t);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, statuses };
}

async function main() {
  const login = await call("POST", "/api/v1/auth/login", { body: { email: OWNER_EMAIL, password: OWNER_PASSWORD } });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`);
  const token = login.body.access_token;
  const me = await call("GET", "/api/v1/me", { token });
  const ws = me.body.workspace.id;
  const clientId = `bench-${Date.now().toString(36)}`;
  const client = await call("POST", `/api/v1/workspaces/${ws}/crm-clients`, { token, body: { client_id: clientId, name: "Bench client" } });
  if (client.status !== 201) throw new Error(`CRM client: ${client.status} ${JSON.stringify(client.body)}`);
  const source = await call("POST", `/api/v1/workspaces/${ws}/lead-sources`, { token, body: { client_id: clientId, name: "bench" } });
  const key = source.body.key;
  const lead = (i) => ({
    name: `Bench Lead ${i}`,
    email: `Bench.${i}@Example.com`,
    phone: `020 7946 ${String(i % 10000).padStart(4, "0")}`,
    country: "GB",
    lead_reference_id: `bench-${i}`,
    utm_source: "bench",
  });
  const ingest = (i) => call("POST", "/api/v1/leads/ingest", { body: lead(i), headers: { "x-api-key": key } });
  const fresh = await run(N, ingest);
  const replay = await run(REPLAYS, (i) => ingest(i));
  const errors =
    Object.entries({ ...fresh.statuses })
      .filter(([s]) => s !== "201")
      .reduce((n, [, c]) => n + c, 0) +
    Object.entries(replay.statuses)
      .filter(([s]) => s !== "200")
      .reduce((n, [, c]) => n + c, 0);
  const result = {
    leads: N,
    clients: CLIENTS,
    leads_per_s: Math.round(N / fresh.seconds),
    ingest_p50_ms: pct(fresh.latencies, 50),
    ingest_p99_ms: pct(fresh.latencies, 99),
    replay_p50_ms: pct(replay.latencies, 50),
    replay_p99_ms: pct(replay.latencies, 99),
    statuses: fresh.statuses,
    replay_statuses: replay.statuses,
    errors,
  };
  console.log(
    `${N} leads in ${fresh.seconds.toFixed(1)} s with ${CLIENTS} callers: ${result.leads_per_s} leads/s, p50 ${result.ingest_p50_ms} ms, p99 ${result.ingest_p99_ms} ms`,
  );
  console.log(`${REPLAYS} replays (dedup by lead_reference_id): p50 ${result.replay_p50_ms} ms, p99 ${result.replay_p99_ms} ms; errors ${errors}`);
  console.log(JSON.stringify(result));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
