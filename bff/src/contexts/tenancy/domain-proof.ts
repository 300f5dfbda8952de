/**
 * Proof that a workspace controls its custom domain (decision 034): the domain's DNS or its web
 * server must show the workspace's verification token before the domain is served.
 *
 * - **DNS TXT**: `_nhood-verify.<domain>` has a TXT record `nhood-verify=<token>` (looked up with
 *   node:dns `resolveTxt`; `NH_DNS_SERVERS`, comma-separated `host[:port]`, picks the resolvers,
 *   else the system's; a resolver can also be passed in).
 * - **HTTP token**: `http://<domain>/.well-known/nhood-domain-verification` answers 200 with the
 *   token as its body. The fetch goes through the platform's SSRF guard (lib/outbound.ts): a
 *   domain that resolves to a private, loopback or link-local address is refused, every redirect
 *   hop is checked again, and the body read is capped.
 *
 * Each check answers null when proven, else a sentence saying what it found, which the verify
 * route returns on `#/custom_domain`.
 */
import dns from "node:dns";
import { guardedFetch, OutboundBlocked, OutboundFailed } from "../../lib/outbound";

/** The DNS name whose TXT record proves `domain`. */
export const proofTxtName = (domain: string) => `_nhood-verify.${domain}`;
/** The TXT record's value for `token`. */
export const proofTxtValue = (token: string) => `nhood-verify=${token}`;
export const PROOF_HTTP_PATH = "/.well-known/nhood-domain-verification";
/** The URL whose body must be the token. */
export const proofHttpUrl = (domain: string) => `http://${domain}${PROOF_HTTP_PATH}`;

/** `resolveTxt` as node:dns answers it: each record's character-strings. */
export type TxtResolver = (name: string) => Promise<string[][]>;

/**
 * The resolvers `NH_DNS_SERVERS` names (read on each call), else the system's, each asked at
 * most twice with 3 s per try (node's default would retry for much longer).
 */
export function defaultTxtResolver(): TxtResolver {
  const servers = (process.env.NH_DNS_SERVERS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const resolver = new dns.promises.Resolver({ timeout: 3_000, tries: 2 });
  if (servers.length) resolver.setServers(servers);
  return (name) => resolver.resolveTxt(name);
}

/** Null when a TXT record at `_nhood-verify.<domain>` is `nhood-verify=<token>`, else why not. */
export async function checkDnsProof(domain: string, token: string, resolveTxt: TxtResolver = defaultTxtResolver()): Promise<string | null> {
  const name = proofTxtName(domain);
  const expected = proofTxtValue(token);
  let records: string[][];
  try {
    records = await resolveTxt(name);
  } catch (e) {
    const code = (e as { code?: string }).code ?? "";
    if (code === dns.NODATA || code === dns.NOTFOUND) return `DNS: no TXT record at ${name}`;
    return `DNS: the look-up of ${name} failed (${code || (e as Error).message})`;
  }
  // a long record may come split into several character-strings: they are one value
  const values = records.map((chunks) => chunks.join("").trim());
  if (values.includes(expected)) return null;
  return values.some((v) => v.startsWith("nhood-verify="))
    ? `DNS: the TXT record at ${name} holds another token, not ${expected}`
    : `DNS: no TXT record ${expected} at ${name}`;
}

/**
 * Where the HTTP proof is fetched: `http://<domain>`, or — in tests only, never when
 * NODE_ENV=production — the origin in `NH_DOMAIN_PROOF_HTTP_BASE` (a local server), still
 * through the SSRF guard.
 */
function httpProofUrl(domain: string): string {
  const base = process.env.NODE_ENV === "production" ? undefined : process.env.NH_DOMAIN_PROOF_HTTP_BASE;
  return base ? `${base.replace(/\/$/, "")}${PROOF_HTTP_PATH}` : proofHttpUrl(domain);
}

/** Null when `http://<domain>/.well-known/nhood-domain-verification` answers 200 with the token, else why not. */
export async function checkHttpProof(domain: string, token: string): Promise<string | null> {
  const url = proofHttpUrl(domain);
  try {
    const res = await guardedFetch(httpProofUrl(domain), { timeoutMs: 5_000, maxBytes: 1_024, headers: { accept: "text/plain" } });
    if (res.status !== 200) return `HTTP: ${url} answered ${res.status}`;
    return res.body.trim() === token ? null : `HTTP: ${url} does not answer the token`;
  } catch (e) {
    if (e instanceof OutboundBlocked) return `HTTP: ${url} may not be fetched (${e.message})`;
    if (e instanceof OutboundFailed) return `HTTP: ${url} could not be fetched (${e.message})`;
    throw e;
  }
}

/** How a domain was proven, or every check's reason why it was not. */
export type ProofOutcome = { proven: true; method: "dns" | "http" } | { proven: false; reasons: string[] };

/** Tries the DNS TXT record, then the HTTP token. */
export async function proveDomain(domain: string, token: string, resolveTxt?: TxtResolver): Promise<ProofOutcome> {
  const dnsReason = await checkDnsProof(domain, token, resolveTxt);
  if (!dnsReason) return { proven: true, method: "dns" };
  const httpReason = await checkHttpProof(domain, token);
  if (!httpReason) return { proven: true, method: "http" };
  return { proven: false, reasons: [dnsReason, httpReason] };
}
