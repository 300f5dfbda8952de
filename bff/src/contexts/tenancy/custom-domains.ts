/**
 * Custom domains (seed 003 §12.1 "Custom domain (CNAME: admin.clientdomain.com → platform)"):
 * a workspace on a plan with `custom_domain` names a host; a request whose Host is that name is
 * answered with the workspace's branding (the shell's index.html and `GET /api/v1/branding`),
 * before anyone signs in — once the workspace has proven it controls the host (domain-proof.ts,
 * decision 034): a pending domain is answered as an unknown host. The host is resolved through
 * the `resolve_custom_domain` policy (withLookup), so an anonymous request reads nothing but that
 * one branding row.
 */
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Context } from "hono";
import type { Database, Tx } from "../../db/client";
import { withLookup, withWorkspace } from "../../db/tenant";
import { config } from "../../config";
import { Conflict, DomainError } from "../../lib/errors";
import { isUsable } from "./suspension";
import { planOf } from "./plans";
import { branding, workspaces } from "./schema";
import type { Branding } from "@nhood/contracts";
import { findFirst } from "../../db/find-first";

/** 403 problem `plan-upgrade-required`: the workspace's plan lacks a feature (field named). */
export class PlanFeatureUnavailable extends DomainError {
  constructor(feature: string, pointer: string, plan: string) {
    super(403, "plan-upgrade-required", "Not included in your plan", `The ${plan} plan does not include ${feature}; upgrade the plan to use it.`, [
      { pointer, detail: `not included in the ${plan} plan` },
    ]);
  }
}

/** The platform's own host name (from PUBLIC_URL): never a workspace's custom domain. */
export function platformHost(): string {
  return new URL(config.publicUrl).hostname.toLowerCase();
}

/**
 * The host name a request was sent to, lower-case, without port or trailing dot ("" when
 * unparsable): the first `X-Forwarded-Host` when TRUST_PROXY=1 (behind a proxy that sets it),
 * else the Host header, else the request URL's host.
 */
export function requestHost(c: Context): string {
  const forwarded = process.env.TRUST_PROXY === "1" ? c.req.header("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const header = forwarded || c.req.header("host");
  try {
    const host = header ? new URL(`http://${header}`).hostname : new URL(c.req.url).hostname;
    return host.toLowerCase().replace(/\.$/, "");
  } catch {
    return "";
  }
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * The branding of the workspace whose custom domain is `host`, or null: none set, the
 * domain not proven yet, the workspace is suspended or deleted, or its plan no longer includes custom domains (a
 * downgrade keeps the setting but stops serving it). The platform's own host answers null
 * without a query.
 */
export async function brandingForHost(db: Database, host: string): Promise<Branding | null> {
  // IP literals and the platform's own names are never custom domains: no query for them
  if (!host || LOCAL_HOSTS.has(host) || host === platformHost() || !/^[a-z]/.test(host.split(".").pop()!)) return null;
  // only a proven domain is served (the resolve_custom_domain policy says so too, migration 0039)
  const row = await withLookup(db, host, (tx) => findFirst(tx, branding, and(eq(branding.customDomain, host), isNotNull(branding.customDomainVerifiedAt))));
  if (!row) return null;
  return withWorkspace(db, row.workspaceId, async (tx) => {
    const ws = await findFirst(tx, workspaces, eq(workspaces.id, row.workspaceId), { status: true, deletedAt: true });
    if (!ws || !isUsable(ws) || !(await planOf(tx, row.workspaceId)).customDomain) return null;
    return { display_name: row.displayName, logo_url: row.logoUrl, primary_color: row.primaryColor, custom_domain: row.customDomain };
  });
}

/**
 * Checks that the workspace of `tx` may use `domain` (already normalised by the contract):
 * 403 PlanFeatureUnavailable when its plan lacks `custom_domain`, 409 on the platform's own
 * host. Uniqueness across workspaces is the `branding_custom_domain_key` index's (see
 * updateBranding).
 */
export async function assertCustomDomainAllowed(tx: Tx, workspaceId: string, domain: string): Promise<void> {
  const plan = await planOf(tx, workspaceId);
  if (!plan.customDomain) throw new PlanFeatureUnavailable("custom domains", "#/custom_domain", plan.name);
  if (domain === platformHost())
    throw new Conflict("That is the platform's own host name.", [{ pointer: "#/custom_domain", detail: "is the platform's own host" }]);
}

/** How long a claim may stay pending before another workspace's claim of the domain releases it. */
export const PENDING_CLAIM_DAYS = 7;

/**
 * Before a workspace claims `domain`: releases another workspace's claim of it that has been
 * pending (never proven) for more than PENDING_CLAIM_DAYS days, through the
 * `nh_release_stale_custom_domain` function (migration 0039; the rule lives there). Answers the
 * released workspace, or null when the domain is free, proven, or pending for less long.
 */
export async function releaseStaleCustomDomain(tx: Tx, domain: string): Promise<string | null> {
  const rows = (await tx.execute(sql`select nh_release_stale_custom_domain(${domain}) as released`)) as unknown as { released: string | null }[];
  return rows[0]?.released ?? null;
}

/** 422 `custom-domain-not-proven`: neither the DNS TXT record nor the HTTP token shows the token (or no domain is set). */
export class CustomDomainNotProven extends DomainError {
  constructor(detail: string, reasons: string[]) {
    super(
      422,
      "custom-domain-not-proven",
      "Custom domain not proven",
      detail,
      reasons.map((r) => ({ pointer: "#/custom_domain", detail: r })),
    );
  }
}
