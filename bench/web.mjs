#!/usr/bin/env node
/**
 * `pnpm bench:web`: cold-start benchmark of the web front end against a running BFF.
 *
 * For each of RUNS (default 5) fresh browser contexts (empty cache, no cookies) it opens `/`,
 * signs in as dev@acme.test, and waits until the first portal sets `data-portal-ready`. It
 * records the time from the sign-in click to that moment, the time from navigation start, and
 * every script response: decoded body bytes, bytes on the wire (CDP encodedDataLength, i.e.
 * after gzip/brotli when the server compresses) and the bodies' gzip size (what a compressing
 * server would send). It also checks that React was loaded once (federation share scope).
 *
 * Env: BASE_URL (default http://127.0.0.1:8080), CHROMIUM_PATH (default /usr/bin/chromium),
 * RUNS, BENCH_EMAIL, BENCH_PASSWORD. Prints a summary, then one JSON object on the last line.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const BASE_URL = (process.env.BASE_URL ?? "http://127.0.0.1:8080").replace(/\/$/, "");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const RUNS = Number(process.env.RUNS ?? 5);
const EMAIL = process.env.BENCH_EMAIL ?? "dev@acme.test";
const PASSWORD = process.env.BENCH_PASSWORD ?? "demo-password-1";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

function fail(message) {
  console.error(message);
  process.exit(1);
}

async function loadPlaywright() {
  // playwright-core is a devDependency of the shell; resolve it from there.
  const require = createRequire(new URL("../apps/shell/package.json", import.meta.url));
  try {
    return await import(pathToFileURL(require.resolve("playwright-core")).href);
  } catch {
    return fail("playwright-core is not installed: run `pnpm install` first.");
  }
}

async function checkReachable() {
  try {
    const res = await fetch(`${BASE_URL}/api/health`, { signal: AbortSignal.timeout(3000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (error) {
    fail(
      `Can't reach NeighbourHood at ${BASE_URL} (${error.cause?.code ?? error.message}).\n` +
        "Start it first with `pnpm start` (or set BASE_URL to where it runs), then run `pnpm bench:web` again.",
    );
  }
}

/** One cold run: fresh context, sign in, wait for the first portal's data. */
async function coldRun(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const scripts = new Map();
  cdp.on("Network.responseReceived", (e) => {
    if (e.type === "Script") scripts.set(e.requestId, { url: e.response.url, decoded: 0, wire: 0 });
  });
  cdp.on("Network.dataReceived", (e) => {
    const s = scripts.get(e.requestId);
    if (s) s.decoded += e.dataLength;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const s = scripts.get(e.requestId);
    if (s) s.wire = e.encodedDataLength;
  });

  const navStart = performance.now();
  await page.goto(`${BASE_URL}/`, { waitUntil: "domcontentloaded" });
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  const clickAt = performance.now();
  await page.getByRole("button", { name: "Sign in" }).click();
  const ready = await page.waitForSelector("[data-portal-ready]", { timeout: 30_000 });
  const doneAt = performance.now();
  const portal = await ready.getAttribute("data-portal-ready");
  // what the same scripts weigh gzipped (level 6, as a compressing server would send them)
  for (const [requestId, s] of scripts) {
    const body = await cdp.send("Network.getResponseBody", { requestId }).catch(() => null);
    if (body) s.gzip = gzipSync(Buffer.from(body.body, body.base64Encoded ? "base64" : "utf8"), { level: 6 }).length;
  }
  const reactCopies = await page.evaluate(() => {
    const shared = globalThis.__FEDERATION__?.__SHARE__;
    const versions = new Set();
    for (const scope of Object.values(shared ?? {})) {
      for (const byName of Object.values(scope ?? {})) {
        for (const [version, entry] of Object.entries(byName?.react ?? {})) if (entry?.loaded) versions.add(version);
      }
    }
    return versions.size;
  });
  await context.close();
  const list = [...scripts.values()];
  return {
    portal,
    signinToPortalMs: doneAt - clickAt,
    coldTotalMs: doneAt - navStart,
    jsBytes: list.reduce((a, s) => a + s.decoded, 0),
    jsWireBytes: list.reduce((a, s) => a + s.wire, 0),
    jsGzipBytes: list.reduce((a, s) => a + (s.gzip ?? 0), 0),
    scriptCount: list.length,
    reactCopies,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

await checkReachable();
if (!existsSync(CHROMIUM)) fail(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
const playwright = await loadPlaywright();
const chromium = playwright.chromium ?? playwright.default.chromium;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
const runs = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const r = await coldRun(browser);
    runs.push(r);
    console.log(
      `run ${i + 1}/${RUNS}: ${r.portal} ready ${r.signinToPortalMs.toFixed(0)} ms after sign-in ` +
        `(${r.coldTotalMs.toFixed(0)} ms from navigation), JS ${kb(r.jsBytes)} decoded / ${kb(r.jsWireBytes)} on the wire / ` +
        `${kb(r.jsGzipBytes)} gzipped, in ${r.scriptCount} scripts`,
    );
  }
} catch (error) {
  await browser.close();
  fail(`Benchmark failed: ${error.message}`);
}
await browser.close();

const result = {
  base_url: BASE_URL,
  portal: runs[0]?.portal ?? null,
  signin_to_portal_ms_median: Math.round(median(runs.map((r) => r.signinToPortalMs))),
  cold_total_ms_median: Math.round(median(runs.map((r) => r.coldTotalMs))),
  js_bytes_transferred: Math.round(median(runs.map((r) => r.jsBytes))),
  js_bytes_on_wire: Math.round(median(runs.map((r) => r.jsWireBytes))),
  js_bytes_gzip: Math.round(median(runs.map((r) => r.jsGzipBytes))),
  script_count: runs[0]?.scriptCount ?? 0,
  react_copies_loaded: Math.max(...runs.map((r) => r.reactCopies)),
  runs: runs.length,
};
console.log(
  `\nSign-in to first portal (${result.portal}): median ${result.signin_to_portal_ms_median} ms over ${result.runs} cold runs; ` +
    `JS ${kb(result.js_bytes_transferred)} (${kb(result.js_bytes_on_wire)} on the wire, ${kb(result.js_bytes_gzip)} gzipped); ` +
    `React instances loaded: ${result.react_copies_loaded}`,
);
console.log(JSON.stringify(result));
