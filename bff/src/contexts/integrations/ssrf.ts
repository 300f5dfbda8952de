/**
 * The integrations context's view of the platform SSRF guard (lib/outbound.ts): custom OAuth
 * provider URLs, token exchanges through them, and `http.request` steps all go through
 * `guardedFetch`, so one set of rules (public unicast only, checked at connect time and on every
 * redirect hop; `NH_OUTBOUND_ALLOWLIST` for operator exceptions) covers every outbound call.
 * This module keeps the context's error type (`BlockedUrl`) and request shape.
 */
import { assertHostResolvesPublic, guardedFetch, isAddressAllowed, OutboundBlocked } from "../../lib/outbound";

export class BlockedUrl extends Error {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`The URL ${url} is not allowed: ${reason}.`);
    this.name = "BlockedUrl";
  }
}

/** True when `address` (an IP literal) is a public unicast address or explicitly allowed. */
export function isPublicAddress(address: string): boolean {
  return isAddressAllowed(address);
}

/** Throws BlockedUrl unless `raw` is an http(s) URL whose host resolves only to public addresses. */
export async function assertPublicUrl(raw: string): Promise<URL> {
  try {
    await assertHostResolvesPublic(raw);
  } catch (e) {
    if (e instanceof OutboundBlocked) throw new BlockedUrl(raw, e.message);
    throw e;
  }
  return new URL(raw);
}

export interface GuardedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface GuardedRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** ms; default 30 s */
  timeout?: number;
}

/** Makes the request through the guard (redirects followed and re-checked); BlockedUrl when refused. */
export async function guardedRequest(req: GuardedRequest): Promise<GuardedResponse> {
  try {
    const res = await guardedFetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: req.signal,
      timeoutMs: req.timeout ?? 30_000,
      maxBytes: 5 * 1024 * 1024,
    });
    return { status: res.status, headers: res.headers, body: res.body };
  } catch (e) {
    if (e instanceof OutboundBlocked) throw new BlockedUrl(req.url, e.message);
    throw e;
  }
}
