/**
 * A workspace's single sign-on settings (issue 18 part 3, decision 035): its OpenID Connect
 * identity provider (issuer, client id, client secret sealed at rest), the role of members it
 * creates just in time, whether password sign-in is closed to its members, and the e-mail domain
 * that routes "Sign in with SSO" to it. The domain counts only once proven by a DNS TXT record
 * `_nhood-verify.<domain>` = `nhood-verify=<token>` (the resolver is injectable for tests), and
 * one verified domain belongs to one workspace (a second claim is a 409, audited).
 */
import { promises as dns } from "node:dns";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { SsoSettings, UpdateSsoSettings } from "@nhood/contracts";
import type { Database, Tx } from "../../../db/client";
import { withLookup, withUser, withWorkspace } from "../../../db/tenant";
import { config } from "../../../config";
import { BadRequest, DomainError, Forbidden, NotFound } from "../../../lib/errors";
import { decryptForPlatform, encryptForPlatform, randomToken } from "../../../lib/secrets";
import { auditedClaim, ExternalIdClaimed } from "../../../kernel/claims";
import { recordDomainEvent } from "../../../kernel/events";
import { findFirst } from "../../../db/find-first";
import { memberships, workspaceAuthSettings } from "../schema";

export type TxtResolver = (name: string) => Promise<string[][]>;
let resolveTxt: TxtResolver = (name) => dns.resolveTxt(name);
/** Replaces the DNS TXT resolver (tests answer from a map). */
export function bindTxtResolver(resolver: TxtResolver): void {
  resolveTxt = resolver;
}

const secretPurpose = (workspaceId: string) => `workspace_auth_settings.sso_client_secret:${workspaceId}`;
export const ssoRedirectUri = () => `${config.publicUrl}/api/v1/auth/sso/callback`;
const txtName = (domain: string) => `_nhood-verify.${domain}`;

type Row = typeof workspaceAuthSettings.$inferSelect;

function view(row: Row | undefined): SsoSettings {
  return {
    issuer: row?.ssoIssuer ?? null,
    client_id: row?.ssoClientId ?? null,
    has_client_secret: !!row?.ssoClientSecretEncrypted,
    default_role: row?.ssoDefaultRole ?? "member",
    enforced: row?.ssoEnforced ?? false,
    email_domain: row?.ssoEmailDomain ?? null,
    domain_txt_name: row?.ssoEmailDomain ? txtName(row.ssoEmailDomain) : null,
    domain_txt_value: row?.ssoDomainToken ? `nhood-verify=${row.ssoDomainToken}` : null,
    domain_verified: !!row?.ssoDomainVerifiedAt,
    redirect_uri: ssoRedirectUri(),
  };
}

/** The workspace's SSO settings (the secret never leaves; `has_client_secret` says whether one is set). */
export async function readSsoSettings(tx: Tx, workspaceId: string): Promise<SsoSettings> {
  return view(await findFirst(tx, workspaceAuthSettings, eq(workspaceAuthSettings.workspaceId, workspaceId)));
}

/**
 * Saves the owner's SSO settings. A new e-mail domain gets a new TXT token and is unverified
 * until proven again; a new secret replaces the sealed one (omitted: kept; none yet: 400 naming
 * `client_secret`). Audited `workspace.sso_configured` (never with the secret).
 */
export async function updateSsoSettings(
  db: Database,
  workspaceId: string,
  input: UpdateSsoSettings & { default_role: string; enforced: boolean },
): Promise<SsoSettings> {
  const issuer = input.issuer.replace(/\/+$/, "");
  const saved = await withWorkspace(db, workspaceId, async (tx) => {
    const cur = await findFirst(tx, workspaceAuthSettings, eq(workspaceAuthSettings.workspaceId, workspaceId));
    if (!input.client_secret && !cur?.ssoClientSecretEncrypted)
      throw new BadRequest("The identity provider's client secret is required the first time.", [{ pointer: "#/client_secret", detail: "required" }]);
    const domainChanged = cur?.ssoEmailDomain !== input.email_domain;
    const values = {
      ssoIssuer: issuer,
      ssoClientId: input.client_id,
      ssoDefaultRole: input.default_role as Row["ssoDefaultRole"],
      ssoEnforced: input.enforced,
      ssoEmailDomain: input.email_domain,
      ...(input.client_secret ? { ssoClientSecretEncrypted: encryptForPlatform(secretPurpose(workspaceId), input.client_secret) } : {}),
      ...(domainChanged ? { ssoDomainToken: randomToken(16), ssoDomainVerifiedAt: null } : {}),
      updatedAt: new Date(),
    };
    const [row] = await tx
      .insert(workspaceAuthSettings)
      .values({ workspaceId, ...values })
      .onConflictDoUpdate({ target: workspaceAuthSettings.workspaceId, set: values })
      .returning();
    return row!;
  });
  await recordDomainEvent(db, {
    workspaceId,
    type: "workspace.sso_configured",
    subjectId: workspaceId,
    payload: { issuer, client_id: input.client_id, email_domain: input.email_domain, default_role: input.default_role, enforced: input.enforced },
  });
  return view(saved);
}

/** 422 `sso-domain-not-proven`: no TXT record of the e-mail domain shows the workspace's token. */
export class SsoDomainNotProven extends DomainError {
  constructor(name: string, expected: string) {
    super(
      422,
      "sso-domain-not-proven",
      "E-mail domain not proven",
      `No TXT record ${name} with the value ${expected} was found; DNS changes can take a while.`,
      [{ pointer: "#/email_domain", detail: "not verified by DNS" }],
    );
  }
}

/**
 * Proves the e-mail domain by its TXT record (`_nhood-verify.<domain>` = `nhood-verify=<token>`).
 * Throws SsoDomainNotProven (422) when the record is missing or wrong, and ExternalIdClaimed (409
 * `external-id-claimed` on `#/email_domain`, with an `external_id.claim_refused` audit row in this
 * workspace's log: kernel/claims.ts, decision 034) when another workspace has verified the domain.
 */
export async function verifySsoDomain(db: Database, workspaceId: string): Promise<SsoSettings> {
  const cur = await withWorkspace(db, workspaceId, (tx) => findFirst(tx, workspaceAuthSettings, eq(workspaceAuthSettings.workspaceId, workspaceId)));
  if (!cur?.ssoEmailDomain || !cur.ssoDomainToken) throw new NotFound("SSO e-mail domain");
  if (cur.ssoDomainVerifiedAt) return view(cur);
  const domain = cur.ssoEmailDomain;
  const expected = `nhood-verify=${cur.ssoDomainToken}`;
  const records = await resolveTxt(txtName(domain)).catch(() => [] as string[][]);
  if (!records.some((chunks) => chunks.join("") === expected)) throw new SsoDomainNotProven(txtName(domain), expected);
  return auditedClaim(db, workspaceId, async () => {
    try {
      const [row] = await withWorkspace(db, workspaceId, (tx) =>
        tx.update(workspaceAuthSettings).set({ ssoDomainVerifiedAt: new Date() }).where(eq(workspaceAuthSettings.workspaceId, workspaceId)).returning(),
      );
      await recordDomainEvent(db, { workspaceId, type: "workspace.sso_domain_verified", subjectId: workspaceId, payload: { email_domain: domain } });
      return view(row);
    } catch (e) {
      if ((e as { cause?: { code?: string } }).cause?.code !== "23505" && (e as { code?: string }).code !== "23505") throw e;
      throw new ExternalIdClaimed("sso_email_domain", domain, "#/email_domain", "e-mail domain");
    }
  });
}

export interface SsoProvider {
  workspaceId: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  defaultRole: Row["ssoDefaultRole"];
  emailDomain: string;
}

/** The SSO provider of a verified e-mail domain, or null (read before any workspace is known). */
export async function providerForDomain(db: Database, domain: string): Promise<SsoProvider | null> {
  const d = domain.toLowerCase();
  const row = await withLookup(db, d, (tx) => findFirst(tx, workspaceAuthSettings, eq(workspaceAuthSettings.ssoEmailDomain, d)));
  return row ? providerOf(row) : null;
}

/** The SSO provider of a workspace (any state), or null when it has none set up. */
export async function providerForWorkspace(db: Database, workspaceId: string): Promise<SsoProvider | null> {
  const row = await withWorkspace(db, workspaceId, (tx) => findFirst(tx, workspaceAuthSettings, eq(workspaceAuthSettings.workspaceId, workspaceId)));
  return row ? providerOf(row) : null;
}

function providerOf(row: Row): SsoProvider | null {
  if (!row.ssoIssuer || !row.ssoClientId || !row.ssoClientSecretEncrypted || !row.ssoEmailDomain || !row.ssoDomainVerifiedAt) return null;
  return {
    workspaceId: row.workspaceId,
    issuer: row.ssoIssuer,
    clientId: row.ssoClientId,
    clientSecret: decryptForPlatform(secretPurpose(row.workspaceId), row.ssoClientSecretEncrypted),
    defaultRole: row.ssoDefaultRole,
    emailDomain: row.ssoEmailDomain,
  };
}

/**
 * Password sign-in is closed to a member (not the owner, who keeps it as the way back in) of a
 * workspace that enforces SSO. Throws Forbidden naming the workspace's way in.
 */
export async function assertPasswordAllowed(db: Database, userId: string): Promise<void> {
  const enforced = await withUser(db, userId, async (tx) => {
    const own = await tx
      .select({ id: memberships.workspaceId })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), ne(memberships.role, "owner")));
    if (!own.length) return [];
    return tx
      .select({ id: workspaceAuthSettings.workspaceId })
      .from(workspaceAuthSettings)
      .where(
        and(
          inArray(
            workspaceAuthSettings.workspaceId,
            own.map((o) => o.id),
          ),
          eq(workspaceAuthSettings.ssoEnforced, true),
        ),
      );
  });
  if (enforced.length) throw new Forbidden("Your workspace signs in with single sign-on: use “Sign in with SSO”.");
}
