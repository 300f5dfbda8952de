/**
 * Meta lead-ads settings. Each workspace may bring its own Meta app: the app secret (verifies
 * `X-Hub-Signature-256`), the verify token (the subscription handshake) and a page access token
 * (reads leads from the Graph API) are stored encrypted under the workspace's data key
 * (lib/secrets.ts, AES-256-GCM). A platform-wide Meta app is the fallback, from the environment:
 * `META_APP_SECRET`, `META_VERIFY_TOKEN`, `META_PAGE_ACCESS_TOKEN`. Page (and optional form) ids
 * map to CRM clients in `meta_lead_forms`.
 */
import { and, eq } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { withLookup, withWorkspace } from "../../db/tenant";
import { Conflict, DomainError, NotFound } from "../../lib/errors";
import { ExternalIdClaimed } from "../../kernel/claims";
import { decryptForWorkspace, encryptForWorkspace, randomToken, sha256Hex } from "../../lib/secrets";
import { appendDomainEvent } from "../../kernel/events";
import { workspaceDataKey } from "../tenancy";
import { metaLeadForms, metaPages, metaSettings } from "./schema";
import { getClientRow } from "./clients";
import type { MetaSettings } from "@nhood/contracts";

const dataKey = workspaceDataKey;

export async function loadMetaSettings(tx: Tx, workspaceId: string): Promise<MetaSettings> {
  const [s] = await tx.select().from(metaSettings).where(eq(metaSettings.workspaceId, workspaceId));
  const forms = await tx.select().from(metaLeadForms).where(eq(metaLeadForms.workspaceId, workspaceId));
  const key = s?.verifyTokenSealed ? await dataKey(tx, workspaceId) : null;
  return {
    app_secret_set: Boolean(s?.appSecretSealed),
    page_access_token_set: Boolean(s?.pageAccessTokenSealed),
    verify_token: s?.verifyTokenSealed && key ? decryptForWorkspace(key, workspaceId, "meta.verify_token", s.verifyTokenSealed) : null,
    callback_path: "/webhooks/meta",
    forms: forms.map((f) => ({ id: f.id, page_id: f.pageId, form_id: f.formId, client_id: f.clientId })),
  };
}

/** Stores the given secrets (absent ones unchanged); `rotate_verify_token` mints a new verify token. */
export async function updateMetaSettings(
  tx: Tx,
  workspaceId: string,
  b: { app_secret?: string; page_access_token?: string; rotate_verify_token?: boolean },
): Promise<MetaSettings> {
  const key = await dataKey(tx, workspaceId);
  const seal = (purpose: string, v: string) => encryptForWorkspace(key, workspaceId, purpose, v);
  const [current] = await tx.select().from(metaSettings).where(eq(metaSettings.workspaceId, workspaceId));
  const set: Partial<typeof metaSettings.$inferInsert> = { updatedAt: new Date() };
  if (b.app_secret) set.appSecretSealed = seal("meta.app_secret", b.app_secret);
  if (b.page_access_token) set.pageAccessTokenSealed = seal("meta.page_access_token", b.page_access_token);
  if (b.rotate_verify_token || !current?.verifyTokenSealed) {
    const token = randomToken(24);
    set.verifyTokenSealed = seal("meta.verify_token", token);
    set.verifyTokenHash = sha256Hex(token);
  }
  await tx
    .insert(metaSettings)
    .values({ workspaceId, ...set })
    .onConflictDoUpdate({ target: metaSettings.workspaceId, set });
  await appendDomainEvent(tx, {
    workspaceId,
    type: "meta_settings.updated",
    payload: { app_secret: Boolean(b.app_secret), page_access_token: Boolean(b.page_access_token), verify_token_rotated: Boolean(set.verifyTokenHash) },
  });
  return loadMetaSettings(tx, workspaceId);
}

const graphBase = () => (process.env.META_GRAPH_BASE_URL ?? "https://graph.facebook.com/v21.0").replace(/\/$/, "");

/** 422 `meta-page-not-proven`: the workspace's page access token belongs to another page (or Graph refused it). */
export class MetaPageNotProven extends DomainError {
  constructor(detail: string) {
    super(422, "meta-page-not-proven", "The Meta page is not proven", detail, [
      { pointer: "#/page_id", detail: "not the page of this workspace's page access token" },
    ]);
  }
}

/**
 * Proves that `pageId` is the page of the workspace's own page access token: Graph's
 * `GET /me?fields=id` with a page token answers that page (`{ "id": "<page id>", "name": … }`).
 * Answers the time of proof, or null when the workspace has stored no page token of its own (the
 * claim is then unproven but still unique). Throws MetaPageNotProven when Graph answers another
 * page, refuses the token, or cannot be reached. Runs outside any transaction (one HTTP call,
 * 10 s timeout).
 */
export async function proveMetaPage(db: Database, workspaceId: string, pageId: string): Promise<Date | null> {
  const token = await withWorkspace(db, workspaceId, async (tx) => {
    const [s] = await tx.select().from(metaSettings).where(eq(metaSettings.workspaceId, workspaceId));
    if (!s?.pageAccessTokenSealed) return null;
    return decryptForWorkspace(await dataKey(tx, workspaceId), workspaceId, "meta.page_access_token", s.pageAccessTokenSealed);
  });
  if (!token) return null;
  let me: { id?: unknown };
  try {
    const res = await fetch(`${graphBase()}/me?fields=id,name`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
    me = (await res.json()) as { id?: unknown };
    if (!res.ok) throw new MetaPageNotProven(`Meta refused this workspace's page access token (HTTP ${res.status}); store a valid one first.`);
  } catch (err) {
    if (err instanceof MetaPageNotProven) throw err;
    throw new MetaPageNotProven("Meta's Graph API could not be reached to prove the page; try again.");
  }
  if (String(me.id ?? "") !== pageId) throw new MetaPageNotProven("This workspace's page access token belongs to another page.");
  return new Date();
}

/**
 * Maps a page (or one form of it) to a CRM client. The page is claimed for the workspace first
 * (`meta_pages`, decision 034): ExternalIdClaimed (409) when another workspace holds it;
 * Conflict (409) when this (page, form) is already mapped here; NotFound for an unknown client.
 * `provenAt` comes from proveMetaPage.
 */
export async function addMetaForm(
  tx: Tx,
  workspaceId: string,
  b: { page_id: string; form_id?: string; client_id: string },
  provenAt: Date | null = null,
): Promise<{ id: string }> {
  await getClientRow(tx, workspaceId, b.client_id);
  const claimed = await tx.insert(metaPages).values({ pageId: b.page_id, workspaceId, provenAt }).onConflictDoNothing().returning({ id: metaPages.pageId });
  if (!claimed.length) {
    // RLS shows only this workspace's claim: no row here means another workspace holds the page
    const [own] = await tx
      .select()
      .from(metaPages)
      .where(and(eq(metaPages.pageId, b.page_id), eq(metaPages.workspaceId, workspaceId)));
    if (!own) throw new ExternalIdClaimed(b.form_id ? "meta_form" : "meta_page", b.form_id ? `${b.page_id}/${b.form_id}` : b.page_id, "#/page_id", "Meta page");
    if (provenAt && !own.provenAt) await tx.update(metaPages).set({ provenAt }).where(eq(metaPages.pageId, b.page_id));
  } else {
    await appendDomainEvent(tx, { workspaceId, type: "meta_page.claimed", payload: { page_id: b.page_id, proven: Boolean(provenAt) } });
  }
  const rows = await tx
    .insert(metaLeadForms)
    .values({ workspaceId, pageId: b.page_id, formId: b.form_id ?? null, clientId: b.client_id })
    .onConflictDoNothing()
    .returning({ id: metaLeadForms.id });
  if (!rows.length)
    throw new Conflict(b.form_id ? "This form of the page is already mapped." : "This page is already mapped.", [
      { pointer: b.form_id ? "#/form_id" : "#/page_id", detail: "already mapped in this workspace" },
    ]);
  await appendDomainEvent(tx, { workspaceId, type: "meta_form.mapped", subjectId: rows[0]!.id, payload: b });
  return rows[0]!;
}

/** Removes a mapping; the page's claim is released with its last mapping. NotFound for another workspace's. */
export async function removeMetaForm(tx: Tx, workspaceId: string, id: string): Promise<void> {
  const gone = await tx
    .delete(metaLeadForms)
    .where(and(eq(metaLeadForms.id, id), eq(metaLeadForms.workspaceId, workspaceId)))
    .returning({ id: metaLeadForms.id, pageId: metaLeadForms.pageId });
  if (!gone.length) throw new NotFound("Meta form mapping");
  const pageId = gone[0]!.pageId;
  const left = await tx
    .select({ id: metaLeadForms.id })
    .from(metaLeadForms)
    .where(and(eq(metaLeadForms.workspaceId, workspaceId), eq(metaLeadForms.pageId, pageId)));
  if (!left.length) await tx.delete(metaPages).where(and(eq(metaPages.workspaceId, workspaceId), eq(metaPages.pageId, pageId)));
  await appendDomainEvent(tx, { workspaceId, type: "meta_form.unmapped", subjectId: id });
}

/** True when `token` is the platform verify token or some workspace's (looked up by hash). */
export async function verifyTokenKnown(db: Database, token: string): Promise<boolean> {
  const platform = process.env.META_VERIFY_TOKEN;
  if (platform && sha256Hex(platform) === sha256Hex(token)) return true;
  const hash = sha256Hex(token);
  return withLookup(
    db,
    hash,
    async (tx) => (await tx.select({ w: metaSettings.workspaceId }).from(metaSettings).where(eq(metaSettings.verifyTokenHash, hash))).length > 0,
  );
}

export interface PageMapping {
  workspaceId: string;
  clientId: string;
}

/** The CRM client a (page, form) maps to: a form-specific mapping wins over a page-wide one. */
export async function mappingFor(db: Database, pageId: string, formId: string | null): Promise<PageMapping | null> {
  const rows = await withLookup(db, pageId, (tx) => tx.select().from(metaLeadForms).where(eq(metaLeadForms.pageId, pageId)));
  const hit = rows.find((r) => formId && r.formId === formId) ?? rows.find((r) => r.formId === null);
  return hit ? { workspaceId: hit.workspaceId, clientId: hit.clientId } : null;
}

/** The workspace's Meta app secret and page access token, falling back to the platform app's. */
export async function metaCredentials(db: Database, workspaceId: string): Promise<{ appSecret: string | null; pageAccessToken: string | null }> {
  return withWorkspace(db, workspaceId, async (tx) => {
    const [s] = await tx.select().from(metaSettings).where(eq(metaSettings.workspaceId, workspaceId));
    const key = s ? await dataKey(tx, workspaceId) : null;
    const open = (purpose: string, v: string | null | undefined) => (v && key ? decryptForWorkspace(key, workspaceId, purpose, v) : null);
    return {
      appSecret: open("meta.app_secret", s?.appSecretSealed) ?? process.env.META_APP_SECRET ?? null,
      pageAccessToken: open("meta.page_access_token", s?.pageAccessTokenSealed) ?? process.env.META_PAGE_ACCESS_TOKEN ?? null,
    };
  });
}
