/**
 * `pnpm bench:soak`: the whole suite under a steady, moderate, mixed load for a long time, to show
 * that nothing leaks, slows down or gets lost (issue 18, part 7).
 *
 * It runs on a real PostgreSQL: the embedded one under `.data/soak` (git-ignored) by default, or the
 * server in DATABASE_URL (owner rights). A fresh database `nhood_soak_<stamp>` is created, migrated
 * and dropped after. The BFF runs as `pnpm start` runs it — one process from the compiled
 * `bff/dist/server.js` (built by `pnpm build`; `NHOOD_FROM_SOURCE=1` runs the TypeScript through tsx)
 * — or, with `SOAK_LAYOUT=split`, as a `--web` and a `--worker` process, as deployed.
 *
 * One workspace on the enterprise plan (no quota or request limit stops a long run) receives, each
 * second, open loop, whatever the earlier requests do:
 * - WEBHOOK_RATE webhooks (default 20) to a workflow `core.transform` → `http.request` (to a local
 *   sink, each idempotency key applied once) → condition;
 * - EVENT_RATE events (default 20) on `POST /api/v1/events` with the API key, which a rule turns into
 *   an inbox notification for the owner;
 * - LEAD_RATE leads (default 5) on `POST /api/v1/leads/ingest` with a lead-source key;
 * - READ_RATE portal reads (default 10), the owner's session token in turn on the executions, the
 *   inbox, the leads and the workflows lists (the token is renewed before it expires).
 *
 * Every SAMPLE_S seconds (default 30) it prints one line: requests, 5xx and other errors, p99 of
 * each kind in that window, and the resident memory (VmRSS) of each BFF process. The first WARMUP_S
 * seconds (default 60) are warm-up. Memory growth is the median RSS of the last third of the
 * windows after warm-up against the median of the first third (RSS follows V8's committed heap,
 * which swings by hundreds of MB between major GCs, so two single samples mostly measure where
 * each fell in that cycle; run at least 10 minutes so each third has a few windows). After
 * the load stops it waits up to DRAIN_S seconds (default 60) for the work to finish, then counts what
 * was lost: accepted webhooks whose execution is missing or not succeeded, accepted events with no
 * notification, accepted leads not stored, and side effects applied twice.
 *
 * Env: SOAK_MINUTES (default 10; a 24-hour run is `SOAK_MINUTES=1440`), the rates above, SAMPLE_S,
 * WARMUP_S, DRAIN_S, SOAK_LAYOUT (`single` | `split`), DATABASE_URL, NHOOD_SOAK_PG_PORT (embedded,
 * 54349). Target: 0 lost, 0 5xx, RSS growth under 10 % after warm-up in every process.
 *
 * Diagnosis (memory): each sample line also gives the serving process's V8 heap in use and its
 * `external` memory (from `/metrics`), so RSS growth can be told apart from heap growth.
 * SOAK_HEAP_SNAPSHOTS=1 starts the BFF with `--heapsnapshot-signal=SIGUSR2` and asks every process
 * for a heap snapshot at the end of warm-up and after the drain (written under
 * `.data/soak-heap/`; compare them in Chrome DevTools, Memory → Comparison, or with
 * `node bench/heap-diff.mjs A B`). SOAK_NODE_ARGS adds node flags (e.g. `--max-old-space-size=256`),
 * SOAK_KEEP_DB=1 keeps the database (to EXPLAIN the hot queries on it after), SOAK_PORT fixes the
 * BFF's port, SOAK_BFF_DIST runs another build folder of bff/ than `dist` (to compare two builds).
 *
 * The last line is one JSON object: `minutes`, `layout`, `database`, `rates`, `requests`,
 * `server_errors`, `other_errors` (by status), `p99_ms_by_window` (`[{ at_s, webhook, event, lead,
 * read }]`), `rss_mb` (`{ process: { after_warmup, end, first_third_median, last_third_median, peak,
 * growth_pct } }`), `heap_floor_mb` (`{ first_third, last_third }`: the lowest V8 heap in use seen
 * in each, close to the live heap), `heap_mb_by_window`, `lost`
 * (`{ executions, notifications, leads }`), `duplicate_side_effects`, `pass`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";
import { percentile } from "./lib.mjs";

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const MINUTES = num("SOAK_MINUTES", 10);
const RATES = { webhook: num("WEBHOOK_RATE", 20), event: num("EVENT_RATE", 20), lead: num("LEAD_RATE", 5), read: num("READ_RATE", 10) };
const SAMPLE_S = num("SAMPLE_S", 30);
const WARMUP_S = num("WARMUP_S", 60);
const DRAIN_S = num("DRAIN_S", 60);
const LAYOUT = process.env.SOAK_LAYOUT === "split" ? "split" : "single";
const repoRoot = path.resolve(__dirname, "..");
const bffDir = path.join(repoRoot, "bff");
const DIST = process.env.SOAK_BFF_DIST ?? "dist";
const FROM_SOURCE = process.env.NHOOD_FROM_SOURCE === "1" || !fs.existsSync(path.join(bffDir, DIST, "server.js"));
const HEAP_SNAPSHOTS = process.env.SOAK_HEAP_SNAPSHOTS === "1";
const heapDir = path.join(repoRoot, ".data/soak-heap");
const NODE_ARGS = [
  ...(process.env.SOAK_NODE_ARGS ?? "").split(/\s+/).filter(Boolean),
  ...(HEAP_SNAPSHOTS ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${heapDir}`] : []),
];

type Kind = keyof typeof RATES;
const KINDS = Object.keys(RATES) as Kind[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** One answered (or failed: status 0) request. */
interface Answer {
  status: number;
  ms: number;
  body: unknown;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
/** Sends one JSON request over the kept-alive agent; never throws (a failed request has status 0). */
function send(baseUrl: string, method: string, route: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (status: number, parsed: unknown) => resolve({ status, ms: performance.now() - started, body: parsed });
    const req = http.request(
      `${baseUrl}${route}`,
      {
        method,
        agent,
        headers: { ...headers, ...(data ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(data)) } : {}) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {}
          done(res.statusCode ?? 0, parsed);
        });
      },
    );
    req.on("error", () => done(0, null));
    req.end(data);
  });
}

/** The third party the workflow calls: applies each idempotency key once, counts repeats. */
async function startSink() {
  const applied = new Set<string>();
  let repeats = 0;
  const server = http.createServer((req, res) => {
    const key = String(req.headers["idempotency-key"] ?? "");
    req.resume();
    req.on("end", () => {
      if (applied.has(key)) repeats += 1;
      else applied.add(key);
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/sink`, applied, repeats: () => repeats, close: () => server.close() };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** VmRSS of a process in MB, or null once it is gone. */
function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/** The serving process's V8 heap (in use, and committed) and `external` memory in MB, read from its `/metrics`. */
async function v8Memory(baseUrl: string): Promise<{ heap_mb: number | null; heap_total_mb: number | null; external_mb: number | null }> {
  const a = await send(baseUrl, "GET", "/metrics", process.env.METRICS_TOKEN ? { authorization: `Bearer ${process.env.METRICS_TOKEN}` } : {});
  const text = typeof a.body === "string" ? a.body : "";
  const read = (metric: string) => {
    const v = new RegExp(`^${metric} ([0-9.e+]+)`, "m").exec(text)?.[1];
    return v ? round(Number(v) / 2 ** 20) : null;
  };
  return {
    heap_mb: read("nh_nodejs_heap_size_used_bytes"),
    heap_total_mb: read("nh_nodejs_heap_size_total_bytes"),
    external_mb: read("nh_nodejs_external_memory_bytes"),
  };
}

/** Asks every BFF process for a heap snapshot (`--heapsnapshot-signal=SIGUSR2`); written under `.data/soak-heap/`. */
function heapSnapshot(children: { role: string; child: ChildProcess }[]) {
  for (const c of children) c.child.kill("SIGUSR2");
  console.log(`soak: heap snapshot requested (${heapDir})`);
}

async function main() {
  process.env.LOG_LEVEL ??= "warn";
  const { bootstrapDatabase, dropDatabase } = await import("../bff/src/db/bootstrap");
  const { startEmbeddedPostgres } = await import("../bff/src/db/embedded");
  let embedded: { url: string; stop: () => Promise<void> } | null = null;
  let base = process.env.DATABASE_URL;
  if (!base) {
    embedded = await startEmbeddedPostgres("soak", num("NHOOD_SOAK_PG_PORT", 54349));
    base = embedded.url;
  }
  const name = `nhood_soak_${Date.now().toString(36)}`;
  const ownerUrl = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
  await bootstrapDatabase(ownerUrl);
  const db = postgres(ownerUrl, { max: 2, onnotice: () => {} });
  const sink = await startSink();
  const port = process.env.SOAK_PORT ? Number(process.env.SOAK_PORT) : await freePort();
  if (HEAP_SNAPSHOTS) fs.mkdirSync(heapDir, { recursive: true });
  const baseUrl = `http://127.0.0.1:${port}`;
  const children: { role: string; child: ChildProcess }[] = [];
  const spawnBff = (role: string, args: string[]) => {
    const entry = FROM_SOURCE ? ["--import", "tsx", "src/server.ts"] : [`${DIST}/server.js`];
    const child = spawn(process.execPath, [...NODE_ARGS, ...entry, ...args], {
      cwd: bffDir,
      stdio: ["ignore", 2, "inherit"],
      env: {
        ...process.env,
        LOG_LEVEL: "warn",
        NHOOD_SEED: "0",
        NH_OUTBOUND_ALLOWLIST: "127.0.0.1/32",
        LEAD_INGEST_RATE_LIMIT: "1000000",
        DATABASE_URL: ownerUrl,
        PORT: String(port),
        PUBLIC_URL: baseUrl,
      },
    });
    children.push({ role, child });
  };

  let result: Record<string, unknown> = {};
  try {
    if (LAYOUT === "split") {
      spawnBff("web", ["--web"]);
      spawnBff("worker", ["--worker"]);
    } else spawnBff("suite", []);
    for (const t = performance.now(); ; await sleep(200)) {
      if ((await send(baseUrl, "GET", "/api/health", {})).status === 200) break;
      const dead = children.find((c) => c.child.exitCode !== null);
      if (dead) throw new Error(`the ${dead.role} process exited (${dead.child.exitCode}) before it was healthy`);
      if (performance.now() - t > 180_000) throw new Error("the BFF did not become healthy in 3 minutes");
    }
    result = await soak(baseUrl, db, sink, children);
  } finally {
    for (const c of children) c.child.kill("SIGTERM");
    await sleep(3000);
    for (const c of children) c.child.kill("SIGKILL");
    agent.destroy();
    sink.close();
    await db.end();
    await sleep(200);
    if (process.env.SOAK_KEEP_DB === "1") console.error(`soak: database kept: ${ownerUrl}`);
    else await dropDatabase(ownerUrl, name).catch(() => {});
    await embedded?.stop();
  }
  console.log(JSON.stringify({ bench: "soak", database: embedded ? "embedded" : "DATABASE_URL", from_source: FROM_SOURCE, ...result }));
}

async function soak(baseUrl: string, db: postgres.Sql, sink: Awaited<ReturnType<typeof startSink>>, children: { role: string; child: ChildProcess }[]) {
  const json = { "content-type": "application/json" };
  const must = async (a: Promise<Answer>, what: string, status = [200, 201]) => {
    const r = await a;
    if (!status.includes(r.status)) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return r.body as Record<string, unknown>;
  };
  // the workspace, on the enterprise plan (no quota, no request limit), and what the load needs in it
  const email = `soak-${Date.now()}@soak.test`;
  const password = "soak-password-123";
  const ws = await must(send(baseUrl, "POST", "/api/v1/workspaces", json, { name: "Soak Co", email, password }), "sign-up");
  const wsId = String(ws.workspace_id);
  const apiKey = { authorization: `Bearer ${ws.api_key}` };
  await db`update workspaces set plan = 'enterprise' where id = ${wsId}`;
  let session = { authorization: "" };
  let sessionAt = 0;
  const renewSession = async () => {
    const login = await must(send(baseUrl, "POST", "/api/v1/auth/login", json, { email, password }), "sign-in");
    session = { authorization: `Bearer ${login.access_token}` };
    sessionAt = performance.now();
  };
  await renewSession();
  await must(
    send(baseUrl, "POST", `/api/v1/workspaces/${wsId}/workflows`, apiKey, {
      name: "Soak",
      trigger: { type: "webhook", path: "/soak" },
      steps: [
        { id: "shape", provider: "core", action: "transform", config: { name: "{{ customer.name }}", n: "{{ customer.n }}" } },
        {
          id: "deliver",
          provider: "http",
          action: "request",
          config: { method: "POST", url: sink.url, body: "{{ steps.shape.output }}" },
          retry: { max_attempts: 3 },
        },
        { id: "check", type: "condition", condition: "{{ steps.shape.output.n }} % 2 == 0", then: [], else: [] },
      ],
    }),
    "workflow",
  );
  await must(
    send(baseUrl, "POST", "/api/v1/rules", session, {
      name: "soak",
      condition: 'event.type == "soak.tick"',
      target_roles: ["owner"],
      title_template: "Tick {{ event.payload.n }}",
    }),
    "rule",
  );
  await must(send(baseUrl, "POST", `/api/v1/workspaces/${wsId}/crm-clients`, session, { client_id: "soak", name: "Soak client" }), "CRM client");
  const source = await must(send(baseUrl, "POST", `/api/v1/workspaces/${wsId}/lead-sources`, session, { client_id: "soak", name: "soak" }), "lead source");
  const leadKey = { "x-api-key": String(source.key) };

  const reads = [
    `/api/v1/workspaces/${wsId}/executions?limit=20`,
    "/api/v1/notifications?limit=20",
    `/api/v1/workspaces/${wsId}/leads?limit=20`,
    `/api/v1/workspaces/${wsId}/workflows`,
  ];
  let n = 0;
  const fire: Record<Kind, () => Promise<Answer>> = {
    webhook: () => send(baseUrl, "POST", `/webhooks/${wsId}/soak`, {}, { customer: { name: `c${n}`, n: n++ } }),
    event: () => send(baseUrl, "POST", "/api/v1/events", apiKey, { type: "soak.tick", clientEventId: `tick-${n}`, payload: { n: n++ } }),
    lead: () => {
      const i = n++;
      return send(baseUrl, "POST", "/api/v1/leads/ingest", leadKey, {
        name: `Soak Lead ${i}`,
        email: `soak.${i}@example.com`,
        lead_reference_id: `soak-${i}`,
        utm_source: "soak",
      });
    },
    read: () => send(baseUrl, "GET", reads[n++ % reads.length]!, session),
  };
  const accepted = { webhook: [] as string[], event: [] as string[], lead: 0 };
  const window: Record<Kind, number[]> = { webhook: [], event: [], lead: [], read: [] };
  let requests = 0;
  let serverErrors = 0;
  const otherErrors: Record<string, number> = {};
  const pending = new Set<Promise<void>>();
  const record = (kind: Kind, a: Answer) => {
    requests += 1;
    window[kind].push(a.ms);
    if (a.status >= 500) serverErrors += 1;
    const ok = kind === "read" ? a.status === 200 : kind === "lead" ? a.status === 201 || a.status === 200 : a.status === 202;
    if (!ok) otherErrors[`${kind} ${a.status}`] = (otherErrors[`${kind} ${a.status}`] ?? 0) + 1;
    else if (kind === "webhook") accepted.webhook.push(String((a.body as { execution_id: string }).execution_id));
    else if (kind === "event") accepted.event.push(String((a.body as { id: string }).id));
    else if (kind === "lead" && a.status === 201) accepted.lead += 1;
  };

  type Sample = {
    at_s: number;
    rss: Record<string, number | null>;
    heap_mb: number | null;
    heap_total_mb: number | null;
    external_mb: number | null;
    p99: Record<Kind, number | null>;
  };
  const samples: Sample[] = [];
  const t0 = performance.now();
  const endAt = t0 + MINUTES * 60_000;
  const sent: Record<Kind, number> = { webhook: 0, event: 0, lead: 0, read: 0 };
  let nextSample = t0 + SAMPLE_S * 1000;
  let snapshotAfterWarmup = HEAP_SNAPSHOTS;
  /** Closes the current window: its p99 per kind, each process's RSS and the serving process's heap, printed as one line. */
  const takeSample = async () => {
    const at_s = Math.round((performance.now() - t0) / 1000);
    const p99 = Object.fromEntries(KINDS.map((k) => [k, window[k].length ? round(percentile(window[k], 99)) : null])) as Record<Kind, number | null>;
    for (const k of KINDS) window[k] = [];
    const memory = await v8Memory(baseUrl);
    const sample = { at_s, rss: Object.fromEntries(children.map((c) => [c.role, rssMb(c.child.pid)])), ...memory, p99 };
    samples.push(sample);
    console.log(
      `${String(sample.at_s).padStart(6)} s  ${requests} requests, ${serverErrors} 5xx, ${Object.values(otherErrors).reduce((a, b) => a + b, 0)} other errors  p99 ${KINDS.map((k) => `${k} ${sample.p99[k]} ms`).join(", ")}  RSS ${Object.entries(
        sample.rss,
      )
        .map(([r, mb]) => `${r} ${mb} MB`)
        .join(", ")}  heap ${sample.heap_mb} of ${sample.heap_total_mb} MB, external ${sample.external_mb} MB`,
    );
    if (snapshotAfterWarmup && at_s >= WARMUP_S) {
      snapshotAfterWarmup = false;
      heapSnapshot(children);
    }
  };
  console.log(`soak: ${MINUTES} min, ${LAYOUT} layout, per second: ${KINDS.map((k) => `${RATES[k]} ${k}`).join(", ")}; samples every ${SAMPLE_S} s`);
  while (performance.now() < endAt) {
    const elapsed = (performance.now() - t0) / 1000;
    for (const kind of KINDS) {
      const due = Math.floor(elapsed * RATES[kind]);
      for (; sent[kind] < due; sent[kind]++) {
        const p: Promise<void> = fire[kind]().then((a) => {
          record(kind, a);
          pending.delete(p);
        });
        pending.add(p);
      }
    }
    if (performance.now() - sessionAt > 10 * 60_000) await renewSession(); // access tokens live 15 minutes
    if (performance.now() >= nextSample) {
      nextSample += SAMPLE_S * 1000;
      void takeSample(); // never holds up the open loop
    }
    await sleep(5);
  }
  await Promise.all(pending);
  if (KINDS.some((k) => window[k].length)) await takeSample(); // the last, partial window

  // drain: every accepted webhook final, every accepted event turned into its notification
  const drainUntil = performance.now() + DRAIN_S * 1000;
  const counts = async () => {
    const [e] = await db<{ missing: number; not_succeeded: number }[]>`
      select (${accepted.webhook.length} - count(*))::int as missing, count(*) filter (where status <> 'succeeded')::int as not_succeeded
      from workflow_executions where id = any(${accepted.webhook}::uuid[])`;
    const [v] = await db<{ n: number }[]>`
      select count(distinct event_id)::int as n from notifications where workspace_id = ${wsId} and event_id = any(${accepted.event}::uuid[])`;
    const [l] = await db<{ n: number }[]>`select count(*)::int as n from leads where workspace_id = ${wsId} and lead_reference_id like 'soak-%'`;
    return { executions: e!.missing + e!.not_succeeded, notifications: accepted.event.length - v!.n, leads: Math.max(0, accepted.lead - l!.n) };
  };
  let lost = await counts();
  while ((lost.executions || lost.notifications || lost.leads) && performance.now() < drainUntil) {
    await sleep(1000);
    lost = await counts();
  }

  // after the drain nothing is in flight: what the heap still holds then is kept, not work under way
  if (HEAP_SNAPSHOTS) {
    const before = fs.readdirSync(heapDir).length;
    heapSnapshot(children);
    // written synchronously by each process: wait until every new file has stopped growing
    for (let t = 0, last = ""; t < 300; t++) {
      await sleep(1000);
      const files = fs.readdirSync(heapDir);
      const sizes = files.map((f) => fs.statSync(path.join(heapDir, f)).size).join(",");
      if (files.length >= before + children.length && sizes === last && !sizes.split(",").includes("0")) break;
      last = sizes;
    }
  }

  // RSS follows V8's committed heap, which swings by hundreds of MB between major GCs (the live
  // heap stays flat; docs/reliability.md, Soak): one sample against one sample measures where each
  // fell in that cycle. Growth is the median of the last third of the windows after warm-up against
  // the median of the first third; a leak moves both the medians and the troughs.
  const afterWarmup = samples.filter((s) => s.at_s >= WARMUP_S);
  const third = Math.max(1, Math.floor(afterWarmup.length / 3));
  const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]! : null);
  const firstThird = afterWarmup.slice(0, third);
  const lastThird = afterWarmup.slice(-third);
  const rss = Object.fromEntries(
    children.map(({ role }) => {
      const of = (ss: Sample[]) => ss.map((s) => s.rss[role]).filter((x): x is number => x !== null);
      const start = median(of(firstThird));
      const end = median(of(lastThird));
      const peak = Math.max(...of(samples));
      return [
        role,
        {
          after_warmup: afterWarmup[0]?.rss[role] ?? null,
          end: samples.at(-1)?.rss[role] ?? null,
          first_third_median: start,
          last_third_median: end,
          peak,
          growth_pct: start && end ? round(((end - start) / start) * 100) : null,
        },
      ];
    }),
  );
  const heapFloor = (ss: Sample[]) => {
    const xs = ss.map((s) => s.heap_mb).filter((x): x is number => x !== null);
    return xs.length ? Math.min(...xs) : null;
  };
  // the lowest heap in use a third of the windows saw: close to the live heap after a major GC
  const heap_floor_mb = { first_third: heapFloor(firstThird), last_third: heapFloor(lastThird) };
  const growthOk = Object.values(rss).every((r) => r.growth_pct !== null && r.growth_pct < 10);
  const duplicates = Math.max(0, sink.applied.size - accepted.webhook.length);
  const result = {
    minutes: MINUTES,
    layout: LAYOUT,
    rates: RATES,
    requests,
    accepted: { webhooks: accepted.webhook.length, events: accepted.event.length, leads: accepted.lead },
    server_errors: serverErrors,
    other_errors: otherErrors,
    p99_ms_by_window: samples.map((s) => ({ at_s: s.at_s, ...s.p99 })),
    rss_mb: rss,
    heap_floor_mb,
    heap_mb_by_window: samples.map((s) => ({ at_s: s.at_s, used: s.heap_mb, total: s.heap_total_mb, external: s.external_mb })),
    lost,
    duplicate_side_effects: duplicates,
    pass: serverErrors === 0 && !lost.executions && !lost.notifications && !lost.leads && duplicates === 0 && growthOk,
  };
  console.log(
    `${requests} requests, ${serverErrors} 5xx; lost ${lost.executions} executions, ${lost.notifications} notifications, ${lost.leads} leads; RSS (median of the first → last third after warm-up): ${Object.entries(
      rss,
    )
      .map(([r, m]) => `${r} ${m.first_third_median} → ${m.last_third_median} MB (${m.growth_pct} %)`)
      .join(", ")}; heap floor ${heap_floor_mb.first_third} → ${heap_floor_mb.last_third} MB; ${result.pass ? "PASS" : "FAIL"}`,
  );
  return result;
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
