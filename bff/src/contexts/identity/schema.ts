/** Identity tables: people, their memberships and hierarchy, sessions and API keys. */
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaceKey } from "../../db/references";

/** People who sign in (workspace members and platform staff); not tenant rows. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** argon2id PHC string */
    passwordHash: text("password_hash").notNull(),
    platformRole: text("platform_role", { enum: ["super_admin", "support", "billing"] }),
    /** set when platform staff disable the account: no sign-in, no session (admin context) */
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** when the person proved the e-mail is theirs (verification.ts); null: not yet */
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "admin", "developer", "sales_manager", "sales_rep", "member"] }).notNull(),
    /** the membership this one reports to, in the same workspace */
    reportsTo: uuid("reports_to"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("memberships_ws_user_key").on(t.workspaceId, t.userId), index("memberships_user_idx").on(t.userId)],
);

/** The reporting hierarchy as a closure table: one row per (ancestor, descendant) pair, depth 0 = self. */
export const membershipClosure = pgTable(
  "membership_closure",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    ancestorId: uuid("ancestor_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    descendantId: uuid("descendant_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    depth: integer("depth").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ancestorId, t.descendantId] }), index("closure_descendant_idx").on(t.descendantId)],
);

/** Rotating refresh tokens (stored as SHA-256); one family per sign-in. */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    familyId: uuid("family_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** the workspace the session is looking at (not tenant ownership: a person spans workspaces) */
    activeWorkspaceId: uuid("active_workspace_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("refresh_tokens_hash_key").on(t.tokenHash), index("refresh_tokens_family_idx").on(t.familyId)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** the first characters of the key, shown in lists so people can tell keys apart */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_hash_key").on(t.keyHash), index("api_keys_ws_idx").on(t.workspaceId, t.createdAt)],
);

/**
 * A workspace's publishable key (`nhood_pk_…`) for the client SDK and the sealed user-hash secret
 * its backend signs users with (migration 0028, publishable-keys.ts). One active row per workspace.
 */
export const publishableKeys = pgTable(
  "publishable_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** `nhood_uhs_…`, sealed with encryptForPlatform("publishable_keys.user_hash_secret") */
    userHashSecret: text("user_hash_secret").notNull(),
    /** the demo workspace's key: the example page may read it without credentials */
    demo: boolean("demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("publishable_keys_key_key").on(t.key),
    uniqueIndex("publishable_keys_ws_active_key").on(t.workspaceId).where(sql`${t.revokedAt} is null`),
  ],
);

/** E-mail verification links (verification.ts): SHA-256 of the token, single use, expiring. Not tenant rows. */
export const emailVerifications = pgTable(
  "email_verifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("email_verifications_hash_key").on(t.tokenHash), index("email_verifications_user_idx").on(t.userId)],
);

/**
 * Invitations to join a workspace with a role (invitations.ts): the link's token is stored as
 * SHA-256; pending until accepted, revoked or past `expires_at`.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ["admin", "developer", "sales_manager", "sales_rep", "member"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("invitations_hash_key").on(t.tokenHash), index("invitations_ws_idx").on(t.workspaceId, t.createdAt)],
);

/** A person's second factors (migration 0037, mfa/): a TOTP secret (sealed) or a passkey's public key. */
export const mfaFactors = pgTable(
  "mfa_factors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["totp", "passkey"] }).notNull(),
    label: text("label").notNull(),
    /** TOTP: the base32 secret, sealed with encryptForPlatform("mfa_factors.secret:<user id>") */
    secretEncrypted: text("secret_encrypted"),
    /** TOTP: the last accepted time step (RFC 6238 T); a code of that step or earlier is a replay */
    lastUsedStep: bigint("last_used_step", { mode: "number" }),
    /** passkey: the credential id (base64url), its COSE public key (base64url) and signature counter */
    credentialId: text("credential_id"),
    publicKey: text("public_key"),
    signCount: bigint("sign_count", { mode: "number" }).notNull().default(0),
    transports: text("transports").array(),
    /** null until the first code is proven (a TOTP enrolment in progress) */
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mfa_factors_user_idx").on(t.userId), uniqueIndex("mfa_factors_credential_key").on(t.credentialId).where(sql`${t.credentialId} is not null`)],
);

/** Ten single-use recovery codes per person, argon2id-hashed (shown once). */
export const mfaRecoveryCodes = pgTable(
  "mfa_recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mfa_recovery_codes_user_idx").on(t.userId)],
);

/** The pending-MFA state between a right password and a session: 5 minutes, 5 attempts, single use. */
export const mfaChallenges = pgTable(
  "mfa_challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    /** the workspace the session will look at (chosen at the password step) */
    activeWorkspaceId: uuid("active_workspace_id"),
    /** the person has no factor yet but needs one: only enrolment is open */
    enrolmentRequired: boolean("enrolment_required").notNull().default(false),
    webauthnChallenge: text("webauthn_challenge"),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("mfa_challenges_token_key").on(t.tokenHash)],
);

/** A workspace's sign-in policy: MFA for every member, and OpenID Connect single sign-on. */
export const workspaceAuthSettings = pgTable(
  "workspace_auth_settings",
  {
    workspaceId: uuid("workspace_id")
      .primaryKey()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    mfaRequired: boolean("mfa_required").notNull().default(false),
    ssoIssuer: text("sso_issuer"),
    ssoClientId: text("sso_client_id"),
    /** sealed with encryptForPlatform("workspace_auth_settings.sso_client_secret:<workspace id>") */
    ssoClientSecretEncrypted: text("sso_client_secret_encrypted"),
    ssoDefaultRole: text("sso_default_role", { enum: ["admin", "developer", "sales_manager", "sales_rep", "member"] })
      .notNull()
      .default("member"),
    ssoEnforced: boolean("sso_enforced").notNull().default(false),
    ssoEmailDomain: text("sso_email_domain"),
    ssoDomainToken: text("sso_domain_token"),
    ssoDomainVerifiedAt: timestamp("sso_domain_verified_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("workspace_auth_settings_domain_key").on(sql`lower(${t.ssoEmailDomain})`).where(sql`${t.ssoDomainVerifiedAt} is not null`)],
);

/** One started SSO sign-in: the hashed state, the nonce and the PKCE verifier (10 minutes, single use). */
export const ssoLogins = pgTable(
  "sso_logins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    stateHash: text("state_hash").notNull(),
    nonce: text("nonce").notNull(),
    codeVerifier: text("code_verifier").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("sso_logins_state_key").on(t.stateHash)],
);
