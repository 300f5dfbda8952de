/**
 * Outbound HTTP to URLs that tenants supply (http.request steps, webhook endpoints, custom OAuth
 * providers) behind an SSRF guard, per the OWASP SSRF Prevention Cheat Sheet:
 *
 * - only `http:` and `https:`; credentials in URLs are refused;
 * - every address the request would reach must be public unicast (ipaddr.js ranges): loopback,
 *   RFC 1918, link-local (169.254.169.254 included), CGNAT, unique-local, multicast, IPv4-mapped
 *   IPv6 of those, and the decimal/octal/hex IPv4 spellings (normalised by the WHATWG URL parser)
 *   are refused;
 * - names are checked at connect time through undici's `lookup` hook, so a DNS answer that
 *   changes between check and connect (rebinding) is still caught;
 * - redirects are followed by hand (at most 5) and each hop is checked again.
 *
 * `NH_OUTBOUND_ALLOWLIST` (comma-separated hostnames and CIDRs, e.g.
 * `localhost,127.0.0.1/32,10.0.0.0/8`) lets an operator permit internal targets.
 * Throws `OutboundBlocked` (the URL is refused) or `OutboundFailed` (network, timeout).
 */
import dns from "node:dns";
import ipaddr from "ipaddr.js";
import { Agent, type Dispatcher } from "undici";

export class OutboundBlocked extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundBlocked";
  }
}
export class OutboundFailed extends Error {
  constructor(
    message: string,
    readonly timedOut = false,
  ) {
    super(message);
    this.name = "OutboundFailed";
  }
}

interface Allowlist {
  hosts: Set<string>;
  cidrs: [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

/** The last list parsed, by its text: every outbound request asks for it, and parsing CIDRs is not cheap. */
let lastAllowlist: { value: string; list: Allowlist } | null = null;

/** Parses `NH_OUTBOUND_ALLOWLIST` (remembering the last text parsed); invalid entries are ignored. */
export function parseAllowlist(value = process.env.NH_OUTBOUND_ALLOWLIST ?? ""): Allowlist {
  if (lastAllowlist?.value === value) return lastAllowlist.list;
  const list = parseAllowlistText(value);
  lastAllowlist = { value, list };
  return list;
}

function parseAllowlistText(value: string): Allowlist {
  const list: Allowlist = { hosts: new Set(), cidrs: [] };
  for (const raw of value
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    if (raw.includes("/")) {
      try {
        list.cidrs.push(ipaddr.parseCIDR(raw));
      } catch {
        /* not a CIDR */
      }
    } else {
      list.hosts.add(raw);
      // a bare address also allows every name that resolves to it
      if (ipaddr.isValid(raw)) {
        const ip = ipaddr.parse(raw);
        list.cidrs.push([ip, ip.kind() === "ipv4" ? 32 : 128]);
      }
    }
  }
  return list;
}

function normalise(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ""));
  return parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
}

/** True when `address` may be reached: public unicast, or inside an allow-listed CIDR. */
export function isAddressAllowed(address: string, allow: Allowlist = parseAllowlist()): boolean {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = normalise(address);
  } catch {
    return false;
  }
  if (allow.cidrs.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits))) return true;
  return ip.range() === "unicast";
}

/** Validates a URL's shape and, for IP literals, its address. Throws OutboundBlocked. */
export function assertUrlShape(raw: string, allow: Allowlist = parseAllowlist()): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundBlocked("not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundBlocked(`scheme ${url.protocol} is not allowed`);
  if (url.username || url.password) throw new OutboundBlocked("credentials in the URL are not allowed");
  const host = url.hostname.toLowerCase();
  if (allow.hosts.has(host)) return url;
  if (ipaddr.isValid(host.replace(/^\[|\]$/g, "")) && !isAddressAllowed(host, allow)) {
    throw new OutboundBlocked(`${host} is not a public address`);
  }
  return url;
}

/** Resolves `hostname` and answers whether every address is allowed (for validating URLs up front). */
export async function assertHostResolvesPublic(raw: string, allow: Allowlist = parseAllowlist()): Promise<void> {
  const url = assertUrlShape(raw, allow);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (allow.hosts.has(host.toLowerCase()) || ipaddr.isValid(host)) return;
  const answers = await dns.promises.lookup(host, { all: true }).catch(() => {
    throw new OutboundBlocked(`${host} does not resolve`);
  });
  for (const a of answers) if (!isAddressAllowed(a.address, allow)) throw new OutboundBlocked(`${host} resolves to ${a.address}, not a public address`);
}

const agents = new Map<string, Agent>();

/**
 * The connection pool for one allow-list (and whether the host itself is allow-listed). Every
 * new connection passes the lookup check; a kept-alive connection stays on the address checked
 * when it opened, so pooling never lets a rebinding DNS answer through. Pools are per allow-list
 * value, so changing `NH_OUTBOUND_ALLOWLIST` never reuses a connection the old one allowed.
 */
function guardedAgent(allow: Allowlist, hostAllowed: boolean): Agent {
  const key = `${process.env.NH_OUTBOUND_ALLOWLIST ?? ""}|${hostAllowed}`;
  let agent = agents.get(key);
  if (!agent) {
    if (agents.size >= 8) {
      for (const a of agents.values()) void a.close();
      agents.clear();
    }
    agent = newGuardedAgent(allow, hostAllowed);
    agents.set(key, agent);
  }
  return agent;
}

function newGuardedAgent(allow: Allowlist, hostAllowed: boolean): Agent {
  return new Agent({
    keepAliveTimeout: 4_000,
    connect: {
      lookup: (hostname, options, callback) => {
        dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
          if (err) return callback(err, "", 4);
          const list = addresses as dns.LookupAddress[];
          const bad = hostAllowed ? undefined : list.find((a) => !isAddressAllowed(a.address, allow));
          if (bad) return callback(new OutboundBlocked(`${hostname} resolves to ${bad.address}, not a public address`), "", 4);
          if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
          callback(null, list[0]!.address, list[0]!.family);
        });
      },
    },
  });
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  /** the body as text, cut at `maxBytes` */
  body: string;
  truncated: boolean;
  url: string;
}

export interface OutboundInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** whole-request timeout in milliseconds (default 10 000) */
  timeoutMs?: number;
  /** response bytes kept (default 1 MiB) */
  maxBytes?: number;
  signal?: AbortSignal;
}

/** Headers a request gets unless it sets them (fetch used to add its own; the dispatcher API adds none). */
const DEFAULT_HEADERS = { accept: "*/*", "user-agent": "NeighbourHood/1" };

/**
 * Makes one HTTP request through the SSRF guard, following up to 5 redirects. It goes through
 * undici's dispatcher API (`Agent.request`), not `fetch`: the same pool and connect-time check,
 * without a WHATWG Request, Response, web streams and two extra AbortSignals per call (a sixth of
 * the workflow worker's CPU per `http.request` step under load, decision 037). The response is not
 * decompressed, so none is asked for (no `accept-encoding`).
 */
export async function guardedFetch(raw: string, init: OutboundInit = {}): Promise<OutboundResponse> {
  const allow = parseAllowlist();
  const timeoutMs = init.timeoutMs ?? 10_000;
  // one controller carries the caller's signal and the whole-request timeout
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new OutboundFailed(`no answer within ${timeoutMs} ms`, true));
  }, timeoutMs);
  const outer = init.signal;
  const forward = () => controller.abort(outer!.reason);
  if (outer?.aborted) forward();
  else outer?.addEventListener("abort", forward, { once: true });
  let url = assertUrlShape(raw, allow);
  let method = (init.method ?? "GET").toUpperCase();
  let body = init.body;
  const headers = { ...DEFAULT_HEADERS };
  for (const [k, v] of Object.entries(init.headers ?? {})) {
    const lower = k.toLowerCase();
    if (lower in DEFAULT_HEADERS) delete (headers as Record<string, string>)[lower];
    (headers as Record<string, string>)[k] = v;
  }
  try {
    for (let hop = 0; hop <= 5; hop++) {
      const agent = guardedAgent(allow, allow.hosts.has(url.hostname.toLowerCase()));
      try {
        const res = await agent.request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: method as Dispatcher.HttpMethod,
          headers,
          body,
          signal: controller.signal,
        });
        const location = res.headers.location;
        if ([301, 302, 303, 307, 308].includes(res.statusCode) && location) {
          await res.body.dump();
          url = assertUrlShape(new URL(Array.isArray(location) ? location[0]! : location, url).toString(), allow);
          if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === "POST")) {
            method = "GET";
            body = undefined;
          }
          continue;
        }
        const { text, truncated } = await readCapped(res.body, init.maxBytes ?? 1024 * 1024);
        return { status: res.statusCode, headers: flatHeaders(res.headers), body: text, truncated, url: url.toString() };
      } catch (e) {
        const cause = (e as { cause?: unknown }).cause;
        if (e instanceof OutboundBlocked) throw e;
        if (cause instanceof OutboundBlocked) throw cause;
        if (timedOut) throw new OutboundFailed(`no answer within ${timeoutMs} ms`, true);
        throw new OutboundFailed(e instanceof Error ? `${e.message}${cause instanceof Error ? `: ${cause.message}` : ""}` : String(e));
      }
    }
    throw new OutboundBlocked("too many redirects");
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", forward);
  }
}

/** Response headers as one string each (repeated ones joined with ", ", as fetch's Headers do). */
function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

async function readCapped(stream: AsyncIterable<Buffer> & { destroy: () => void }, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const value of stream) {
    if (size + value.length > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      stream.destroy();
      return { text: Buffer.concat(chunks).toString("utf8"), truncated: true };
    }
    chunks.push(value);
    size += value.length;
  }
  return { text: chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"), truncated: false };
}
