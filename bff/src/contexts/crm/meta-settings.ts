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
import { NotFound } from "../../lib/errors";
import { decryptForWorkspace, encryptForWorkspace, randomToken, sha256Hex } from "../../lib/secrets";
import { appendDomainEvent } from "../../kernel/events";
import { workspaceDataKey } from "../tenancy";
import { metaLeadForms, metaSettings } from "./schema";
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

export async function addMetaForm(tx: Tx, workspaceId: string, b: { page_id: string; form_id?: string; client_id: string }): Promise<{ id: string }> {
  await getClientRow(tx, workspaceId, b.client_id);
  const [row] = await tx
    .insert(metaLeadForms)
    .values({ workspaceId, pageId: b.page_id, formId: b.form_id ?? null, clientId: b.client_id })
    .returning({ id: metaLeadForms.id });
  await appendDomainEvent(tx, { workspaceId, type: "meta_form.mapped", subjectId: row!.id, payload: b });
  return row!;
}

export async function removeMetaForm(tx: Tx, workspaceId: string, id: string): Promise<void> {
  const gone = await tx
    .delete(metaLeadForms)
    .where(and(eq(metaLeadForms.id, id), eq(metaLeadForms.workspaceId, workspaceId)))
    .returning({ id: metaLeadForms.id });
  if (!gone.length) throw new NotFound("Meta form mapping");
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
