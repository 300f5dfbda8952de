/**
 * Platform-held OAuth apps: the platform's own OAuth client at a catalogue provider, set by a
 * super admin, which every workspace uses unless it brings its own (`oauthClientFor` picks the
 * workspace's app first). A small tenant can offer "Connect Slack" without registering an app at
 * Slack. The client secret is sealed with the platform key (lib/secrets.ts `encryptForPlatform`,
 * purpose `platform_oauth_app:<provider>`) and never answered. Writes run in the platform scope
 * (RLS, migration 0022); callers check the staff role first.
 */
import { eq } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { withPlatform } from "../../db/tenant";
import { BadRequest, NotFound } from "../../lib/errors";
import { decryptForPlatform, encryptForPlatform } from "../../lib/secrets";
import { appendDomainEvent } from "../../kernel/events";
import { findProvider } from "./catalogue";
import { platformOAuthApps } from "./schema";

export interface PlatformOAuthAppView {
  provider: string;
  provider_name: string;
  client_id: string;
  scopes: string[] | null;
  updated_at: string;
}
type Row = typeof platformOAuthApps.$inferSelect;
const toView = (r: Row): PlatformOAuthAppView => ({
  provider: r.provider,
  provider_name: findProvider(r.provider)?.name ?? r.provider,
  client_id: r.clientId,
  scopes: r.scopes,
  updated_at: r.updatedAt.toISOString(),
});
const purposeOf = (provider: string) => `platform_oauth_app:${provider}`;

/** Every platform OAuth app, by provider key; secrets are not part of the answer. */
export async function listPlatformOAuthApps(db: Database): Promise<PlatformOAuthAppView[]> {
  return withPlatform(db, async (tx) => (await tx.select().from(platformOAuthApps).orderBy(platformOAuthApps.provider)).map(toView));
}

/**
 * Creates or replaces the platform's OAuth app for a catalogue OAuth 2 provider (custom providers
 * belong to one workspace and cannot have one: 400). Appends `platform_oauth_app.saved`.
 */
export async function savePlatformOAuthApp(
  db: Database,
  provider: string,
  input: { client_id: string; client_secret: string; scopes?: string[] },
): Promise<PlatformOAuthAppView> {
  if (findProvider(provider)?.auth.kind !== "oauth2") {
    throw new BadRequest(`${provider} is not an OAuth 2 provider of the catalogue.`, [{ pointer: "#/path/provider", detail: "unknown OAuth 2 provider" }]);
  }
  const values = {
    provider,
    clientId: input.client_id,
    clientSecretEncrypted: encryptForPlatform(purposeOf(provider), input.client_secret),
    scopes: input.scopes ?? null,
    updatedAt: new Date(),
  };
  return withPlatform(db, async (tx) => {
    const [row] = await tx.insert(platformOAuthApps).values(values).onConflictDoUpdate({ target: platformOAuthApps.provider, set: values }).returning();
    await appendDomainEvent(tx, { workspaceId: null, type: "platform_oauth_app.saved", subjectId: null, payload: { provider, client_id: input.client_id } });
    return toView(row!);
  });
}

/** Deletes the platform's OAuth app for `provider` (404 when there is none); appends `platform_oauth_app.deleted`. */
export async function deletePlatformOAuthApp(db: Database, provider: string): Promise<void> {
  await withPlatform(db, async (tx) => {
    const gone = await tx.delete(platformOAuthApps).where(eq(platformOAuthApps.provider, provider)).returning({ provider: platformOAuthApps.provider });
    if (!gone.length) throw new NotFound("platform OAuth app");
    await appendDomainEvent(tx, { workspaceId: null, type: "platform_oauth_app.deleted", subjectId: null, payload: { provider } });
  });
}

/** The platform's OAuth client for `provider`, secret opened, or null; readable from any scope (RLS). */
export async function platformOAuthClient(tx: Tx, provider: string): Promise<{ clientId: string; clientSecret: string; scopes: string[] | null } | null> {
  const [row] = await tx.select().from(platformOAuthApps).where(eq(platformOAuthApps.provider, provider));
  return row ? { clientId: row.clientId, clientSecret: decryptForPlatform(purposeOf(provider), row.clientSecretEncrypted), scopes: row.scopes } : null;
}

/** The providers the platform holds an OAuth app for (for the providers lists). */
export async function platformOAuthProviders(tx: Tx): Promise<Set<string>> {
  return new Set((await tx.select({ provider: platformOAuthApps.provider }).from(platformOAuthApps)).map((r) => r.provider));
}
