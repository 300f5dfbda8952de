/**
 * Workspaces: self-service sign-up (seed 001 quick start), branding and the platform-wide list.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, ilike, lt, or } from "drizzle-orm";
import { isUniqueViolation, type Database, type Tx } from "../../db/client";
import { setWorkspace, withPlatform, withWorkspace } from "../../db/tenant";
import { Conflict, NotFound } from "../../lib/errors";
import { encryptForWorkspace, newWrappedDataKey } from "../../lib/secrets";
import { newWebhookSecret } from "../../kernel/signing";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import { appendDomainEvent } from "../../kernel/events";
import { ExternalIdClaimed } from "../../kernel/claims";
import { createApiKey, createWorkspaceOwner, emailRegistered, hashPassword, issueVerificationLink, memberCounts, sendVerificationMail } from "../identity";
import {
  apiKeyScopes,
  type Branding,
  type CreateWorkspaceResponse,
  type CustomDomainVerification,
  type WorkspaceBranding,
  type WorkspaceSummary,
} from "@nhood/contracts";
import { branding, workspaces } from "./schema";
import { assertCustomDomainAllowed, CustomDomainNotProven, PENDING_CLAIM_DAYS, releaseStaleCustomDomain } from "./custom-domains";
import { proofHttpUrl, proofTxtName, proofTxtValue, proveDomain, type TxtResolver } from "./domain-proof";
import { planOf } from "./plans";
import { chooseInitialSubscription } from "./subscription-start";
import { TRIAL_END_JOB } from "./trial-end";
import { enqueueJob } from "../../kernel/jobs";
import { findFirst } from "../../db/find-first";

const emailTaken = () =>
  new Conflict("An account with this email exists; sign in and create the workspace from there.", [{ pointer: "#/email", detail: "already registered" }]);

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  /** a plan id (default `free`); unknown ids are a 400 on `#/plan` */
  plan?: string;
  owner_name?: string;
}

/**
 * Creates a workspace, its owner (a new account; Conflict on `#/email` when it exists), the
 * owner's membership, default branding and a first API key, in one transaction. The plan and its
 * trial come from `chooseInitialSubscription` (400 on `#/plan` when unknown); a trial's end is a
 * job at `trial_ends_at`. Self-service owners get an e-mail verification link over SMTP after the
 * commit. `opts.byStaff` (platform staff, the demo seed): the plan applies at once and the owner's
 * address counts as verified (no e-mail). Answers the key
 * and the webhook secret in plaintext, this once.
 */
export async function signUp(db: Database | Tx, input: SignUpInput, opts: { byStaff?: boolean; now?: Date } = {}): Promise<CreateWorkspaceResponse> {
  const passwordHash = await hashPassword(input.password);
  const now = opts.now ?? new Date();
  const created = await db.transaction(async (tx) => {
    if (await emailRegistered(tx, input.email)) throw emailTaken();
    const id = crypto.randomUUID();
    await setWorkspace(tx, id);
    const start = await chooseInitialSubscription(tx, {
      workspaceId: id,
      planId: input.plan ?? "free",
      ownerEmail: input.email,
      now,
      byStaff: opts.byStaff ?? false,
    });
    const dataKey = newWrappedDataKey(id);
    const webhookSecret = newWebhookSecret();
    await tx.insert(workspaces).values({
      id,
      name: input.name,
      plan: start.plan as (typeof workspaces.$inferInsert)["plan"],
      trialEndsAt: start.trialEndsAt,
      dataKeyWrapped: dataKey,
      webhookSecretEncrypted: encryptForWorkspace(dataKey, id, "webhook_secret", webhookSecret),
    });
    await tx.insert(branding).values({ workspaceId: id, displayName: input.name });
    const ownerId = await createWorkspaceOwner(
      tx,
      id,
      { email: input.email, passwordHash, name: input.owner_name, emailVerified: opts.byStaff ?? false },
      emailTaken,
    );
    const key = await createApiKey(tx, id, { name: "Default key", scopes: [...apiKeyScopes] }, ownerId);
    if (start.trialEndsAt) await enqueueJob(tx, TRIAL_END_JOB, { workspace_id: id }, { runAt: start.trialEndsAt });
    await appendDomainEvent(tx, {
      workspaceId: id,
      type: "workspace.created",
      subjectId: id,
      payload: {
        name: input.name,
        plan: start.plan,
        subscription_status: start.status,
        trial_ends_at: start.trialEndsAt?.toISOString() ?? null,
        owner_user_id: ownerId,
      },
    });
    const link = opts.byStaff ? null : await issueVerificationLink(tx, ownerId, input.email, now);
    return {
      link,
      response: {
        workspace_id: id,
        api_key: key.key,
        webhook_secret: webhookSecret,
        plan: start.plan,
        subscription_status: start.status,
        trial_ends_at: start.trialEndsAt?.toISOString() ?? null,
        checkout_url: start.checkoutUrl,
      },
    };
  });
  const sent = created.link ? await sendVerificationMail(input.email, created.link, input.name) : false;
  return { ...created.response, verification_sent: sent };
}

/** The workspace's public branding (name, logo, colour, custom domain). NotFound when unknown. */
export async function getBranding(tx: Tx, workspaceId: string): Promise<Branding> {
  const row = await findFirst(tx, branding, eq(branding.workspaceId, workspaceId));
  if (!row) throw new NotFound("workspace");
  return { display_name: row.displayName, logo_url: row.logoUrl, primary_color: row.primaryColor, custom_domain: row.customDomain };
}

/** Where the custom domain of `row` stands and what to publish to prove it (null without one). */
function verificationOf(row: typeof branding.$inferSelect): CustomDomainVerification | null {
  if (!row.customDomain || !row.customDomainToken || !row.customDomainClaimedAt) return null;
  const pending = !row.customDomainVerifiedAt;
  return {
    status: pending ? "pending" : "verified",
    verified_by: row.customDomainVerifiedBy,
    claimed_at: row.customDomainClaimedAt.toISOString(),
    verified_at: row.customDomainVerifiedAt?.toISOString() ?? null,
    takeover_after: pending ? new Date(row.customDomainClaimedAt.getTime() + PENDING_CLAIM_DAYS * 86_400_000).toISOString() : null,
    txt_name: proofTxtName(row.customDomain),
    txt_value: proofTxtValue(row.customDomainToken),
    http_url: proofHttpUrl(row.customDomain),
    http_body: row.customDomainToken,
  };
}

/**
 * The branding settings for members: the public branding plus whether the plan allows a custom
 * domain, and the domain's proof (status, the TXT record and HTTP token to publish).
 */
export async function getWorkspaceBranding(tx: Tx, workspaceId: string): Promise<WorkspaceBranding> {
  const row = await findFirst(tx, branding, eq(branding.workspaceId, workspaceId));
  if (!row) throw new NotFound("workspace");
  return {
    display_name: row.displayName,
    logo_url: row.logoUrl,
    primary_color: row.primaryColor,
    custom_domain: row.customDomain,
    custom_domain_allowed: (await planOf(tx, workspaceId)).customDomain,
    custom_domain_verification: verificationOf(row),
  };
}

/** 409 `external-id-claimed` (decision 034): a custom domain is claimed by one workspace. */
const domainTaken = (domain: string) => new ExternalIdClaimed("custom_domain", domain, "#/custom_domain", "custom domain");

/** A new custom domain's verification token: 128 random bits, hex. */
const newDomainToken = () => randomBytes(16).toString("hex");

/**
 * Changes the given branding fields. A non-null `custom_domain` (normalised by the contract)
 * needs a plan with `custom_domain` (403 plan-upgrade-required) and must be free across
 * workspaces (409 `external-id-claimed` on `#/custom_domain`); on any refusal nothing is saved.
 * A new domain is claimed **pending** with a fresh verification token and is not served until
 * proven (verifyCustomDomain); setting the same domain again keeps its token and status. Another
 * workspace's claim pending for more than 7 days is released first (an event in its log says so).
 */
export async function updateBranding(
  tx: Tx,
  workspaceId: string,
  input: Partial<{ display_name: string; logo_url: string | null; primary_color: string; custom_domain: string | null }>,
): Promise<WorkspaceBranding> {
  if (input.custom_domain) await assertCustomDomainAllowed(tx, workspaceId, input.custom_domain);
  let claim: Partial<typeof branding.$inferInsert> = {};
  if (input.custom_domain !== undefined) {
    const current = await findFirst(tx, branding, eq(branding.workspaceId, workspaceId), { customDomain: true });
    if (current && current.customDomain !== input.custom_domain) {
      const domain = input.custom_domain;
      claim = { customDomain: domain, customDomainToken: null, customDomainClaimedAt: null, customDomainVerifiedAt: null, customDomainVerifiedBy: null };
      if (domain) {
        claim = { ...claim, customDomainToken: newDomainToken(), customDomainClaimedAt: new Date() };
        const released = await releaseStaleCustomDomain(tx, domain);
        if (released) {
          // the event belongs to the released workspace's log: switch to it for that one insert
          await setWorkspace(tx, released);
          await appendDomainEvent(tx, { workspaceId: released, type: "custom_domain.claim_expired", subjectId: released, payload: { domain } });
          await setWorkspace(tx, workspaceId);
        }
      }
    }
  }
  await tx
    .update(branding)
    .set({
      ...(input.display_name !== undefined && { displayName: input.display_name }),
      ...(input.logo_url !== undefined && { logoUrl: input.logo_url }),
      ...(input.primary_color !== undefined && { primaryColor: input.primary_color }),
      ...claim,
      updatedAt: new Date(),
    })
    .where(eq(branding.workspaceId, workspaceId))
    .catch((e: unknown) => {
      throw isUniqueViolation(e, "branding_custom_domain_key") ? domainTaken(input.custom_domain ?? "") : e;
    });
  await appendDomainEvent(tx, { workspaceId, type: "branding.updated", subjectId: workspaceId, payload: input });
  return getWorkspaceBranding(tx, workspaceId);
}

/**
 * Checks the workspace's custom domain now — its DNS TXT record, else its HTTP token
 * (domain-proof.ts) — outside any transaction, then marks it verified (`verified_at`, and how)
 * with a `custom_domain.verified` event, unless the domain or token changed meanwhile (409).
 * 422 `custom-domain-not-proven` on `#/custom_domain` with each check's finding when neither
 * shows the token, or when no domain is set; a domain already verified stays verified.
 */
export async function verifyCustomDomain(db: Database, workspaceId: string, resolveTxt?: TxtResolver): Promise<WorkspaceBranding> {
  const row = await withWorkspace(db, workspaceId, (tx) => findFirst(tx, branding, eq(branding.workspaceId, workspaceId)));
  if (!row) throw new NotFound("workspace");
  const { customDomain: domain, customDomainToken: token } = row;
  if (!domain || !token) throw new CustomDomainNotProven("No custom domain is set: set one first.", ["no custom domain is set"]);
  const outcome = await proveDomain(domain, token, resolveTxt);
  if (!outcome.proven)
    throw new CustomDomainNotProven(
      `Neither the DNS TXT record ${proofTxtName(domain)} nor ${proofHttpUrl(domain)} shows this workspace's verification token yet.`,
      outcome.reasons,
    );
  return withWorkspace(db, workspaceId, async (tx) => {
    const marked = await tx
      .update(branding)
      .set({ customDomainVerifiedAt: new Date(), customDomainVerifiedBy: outcome.method, updatedAt: new Date() })
      .where(and(eq(branding.workspaceId, workspaceId), eq(branding.customDomain, domain), eq(branding.customDomainToken, token)))
      .returning({ id: branding.workspaceId });
    if (!marked.length)
      throw new Conflict("The custom domain changed while it was being checked; check it again.", [
        { pointer: "#/custom_domain", detail: "changed meanwhile" },
      ]);
    await appendDomainEvent(tx, { workspaceId, type: "custom_domain.verified", subjectId: workspaceId, payload: { domain, method: outcome.method } });
    return getWorkspaceBranding(tx, workspaceId);
  });
}

/** Platform-wide list, newest first, keyset-paginated; `q` matches the name (case-insensitive). */
export async function listWorkspaces(
  db: Database,
  q: string | undefined,
  cursor: string | undefined,
  limit = 50,
): Promise<{ items: WorkspaceSummary[]; next_cursor: string | null }> {
  const after = decodeCursor(cursor);
  return withPlatform(db, async (tx) => {
    const conditions = [
      q ? ilike(workspaces.name, `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`) : undefined,
      after ? or(lt(workspaces.createdAt, after.at), and(eq(workspaces.createdAt, after.at), lt(workspaces.id, after.id))) : undefined,
    ].filter(Boolean);
    const rows = await tx
      .select({
        id: workspaces.id,
        name: workspaces.name,
        plan: workspaces.plan,
        status: workspaces.status,
        createdAt: workspaces.createdAt,
      })
      .from(workspaces)
      .where(and(...conditions))
      .orderBy(desc(workspaces.createdAt), desc(workspaces.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const counts = await memberCounts(
      tx,
      page.map((r) => r.id),
    ); // identity owns memberships
    const items = page.map((r) => ({
      id: r.id,
      name: r.name,
      plan: r.plan,
      status: r.status,
      member_count: counts.get(r.id) ?? 0,
      created_at: r.createdAt.toISOString(),
    }));
    const last = rows.length > limit ? rows[limit - 1]! : null;
    return { items, next_cursor: last ? encodeCursor(last.createdAt, last.id) : null };
  });
}
