/**
 * Workspaces: self-service sign-up (seed 001 quick start), branding and the platform-wide list.
 */
import { and, desc, eq, ilike, lt, or } from "drizzle-orm";
import { isUniqueViolation, type Database, type Tx } from "../../db/client";
import { setWorkspace, withPlatform } from "../../db/tenant";
import { Conflict, NotFound } from "../../lib/errors";
import { encryptForWorkspace, newWrappedDataKey } from "../../lib/secrets";
import { newWebhookSecret } from "../../kernel/signing";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import { appendDomainEvent } from "../../kernel/events";
import { ExternalIdClaimed } from "../../kernel/claims";
import { createApiKey, createWorkspaceOwner, emailRegistered, hashPassword, issueVerificationLink, memberCounts, sendVerificationMail } from "../identity";
import { apiKeyScopes, type Branding, type CreateWorkspaceResponse, type WorkspaceBranding, type WorkspaceSummary } from "@nhood/contracts";
import { branding, workspaces } from "./schema";
import { assertCustomDomainAllowed } from "./custom-domains";
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

/** The branding settings for members: the public branding plus whether the plan allows a custom domain. */
export async function getWorkspaceBranding(tx: Tx, workspaceId: string): Promise<WorkspaceBranding> {
  return { ...(await getBranding(tx, workspaceId)), custom_domain_allowed: (await planOf(tx, workspaceId)).customDomain };
}

/** 409 `external-id-claimed` (decision 034): a custom domain is claimed by one workspace. */
const domainTaken = (domain: string) => new ExternalIdClaimed("custom_domain", domain, "#/custom_domain", "custom domain");

/**
 * Changes the given branding fields. A non-null `custom_domain` (normalised by the contract)
 * needs a plan with `custom_domain` (403 plan-upgrade-required) and must be free across
 * workspaces (409 on `#/custom_domain`); on any refusal nothing is saved.
 */
export async function updateBranding(
  tx: Tx,
  workspaceId: string,
  input: Partial<{ display_name: string; logo_url: string | null; primary_color: string; custom_domain: string | null }>,
): Promise<WorkspaceBranding> {
  if (input.custom_domain) await assertCustomDomainAllowed(tx, workspaceId, input.custom_domain);
  await tx
    .update(branding)
    .set({
      ...(input.display_name !== undefined && { displayName: input.display_name }),
      ...(input.logo_url !== undefined && { logoUrl: input.logo_url }),
      ...(input.primary_color !== undefined && { primaryColor: input.primary_color }),
      ...(input.custom_domain !== undefined && { customDomain: input.custom_domain }),
      updatedAt: new Date(),
    })
    .where(eq(branding.workspaceId, workspaceId))
    .catch((e: unknown) => {
      throw isUniqueViolation(e, "branding_custom_domain_key") ? domainTaken(input.custom_domain ?? "") : e;
    });
  await appendDomainEvent(tx, { workspaceId, type: "branding.updated", subjectId: workspaceId, payload: input });
  return getWorkspaceBranding(tx, workspaceId);
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
