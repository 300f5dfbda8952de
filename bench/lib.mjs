/**
 * Helpers the benchmarks share: a JSON caller bound to BASE_URL, a nearest-rank percentile
 * (values in any order; null for none) and a summary of a CPU profile's top self-time functions.
 */

/** `call(method, path, {token, body, headers})` → `{status, body}` (body parsed when JSON). */
export function jsonCaller(baseUrl) {
  return async function call(method, path, { token, body, headers = {} } = {}) {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, ok: res.ok, body: parsed, text };
  };
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * The functions with the most self time in a V8 `.cpuprofile` (as written by `node --cpu-prof`):
 * `{ busy_ms, idle_ms, top: [{ function, where, self_ms, pct }] }`, `pct` of busy time, `where`
 * the file (shortened to the package or the repository path) and line. Each sample is charged the
 * interval to the next one, as Chrome DevTools does; one row per function and location. With
 * `window` ({ fromUs, toUs } on the monotonic clock the profile uses, i.e. `process.hrtime` / 1000
 * of any process on the machine) only the samples taken in it count, e.g. leaving out start-up.
 */
export function summariseCpuProfile(profile, top = 15, root = "", window = null) {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const selfUs = new Map();
  let idleUs = 0;
  let busyUs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (window && (at < window.fromUs || at > window.toUs)) return;
    const us = profile.timeDeltas[i + 1] ?? 0;
    const { functionName, url, lineNumber } = frames.get(id);
    if (functionName === "(idle)") {
      idleUs += us;
      return;
    }
    busyUs += us;
    const key = `${functionName || "(anonymous)"}\t${shortLocation(url, lineNumber, root)}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + us);
  });
  const rows = [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    busy_ms: Math.round(busyUs / 1000),
    idle_ms: Math.round(idleUs / 1000),
    top: rows.map(([key, us]) => {
      const [fn, where] = key.split("\t");
      return { function: fn, where, self_ms: Math.round(us / 100) / 10, pct: Math.round((us / busyUs) * 1000) / 10 };
    }),
  };
}

function shortLocation(url, lineNumber, root) {
  if (!url) return "(native)";
  let file = url.replace(/^file:\/\//, "");
  const nm = file.lastIndexOf("node_modules/");
  if (nm >= 0) file = file.slice(nm + "node_modules/".length);
  else if (root && file.startsWith(root)) file = file.slice(root.length).replace(/^\//, "");
  return `${file}:${lineNumber + 1}`;
}

/**
 * The demo platform staff's TOTP secret (bff/src/seed/demo.ts, README): staff must use a second
 * factor (issue 18), so a bench that signs in as staff answers the second step with its code.
 */
export const DEMO_STAFF_TOTP_SECRET = "NHOODDEMOSTAFFTOTPSECRET234567AB";

/** The RFC 6238 code (HMAC-SHA1, 6 digits, 30 s) of a base32 `secret` at `atMs`. */
export async function totpCode(secret, atMs = Date.now()) {
  const { createHmac } = await import("node:crypto");
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const ch of secret.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/**
 * Signs in with e-mail and password through `call` (a jsonCaller) and answers the access token,
 * completing the second step for demo staff with the documented TOTP secret. A code is accepted
 * once per 30-second step, so a second staff sign-in within one step uses the next step's code
 * (one step of drift is accepted) and a third waits for the step to pass.
 */
export async function signInForBench(call, email, password) {
  const first = await call("POST", "/api/v1/auth/login", { body: { email, password } });
  if (!first.ok) throw new Error(`sign-in of ${email} → ${first.status} ${first.text}`);
  if (first.body.access_token) return first.body.access_token;
  for (let attempt = 0; attempt < 3; attempt++) {
    const code = await totpCode(DEMO_STAFF_TOTP_SECRET, Date.now() + attempt * 30_000);
    const res = await call("POST", "/api/v1/auth/mfa/verify", { body: { mfa_token: first.body.mfa_token, code } });
    if (res.ok) return res.body.access_token;
    if (!/already used/.test(res.text)) throw new Error(`second factor of ${email} → ${res.status} ${res.text}`);
  }
  throw new Error(`second factor of ${email}: every code of this minute is spent; try again in 30 s`);
}
