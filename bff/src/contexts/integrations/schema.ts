/**
 * Integrations tables: end users, connect sessions, OAuth apps and custom providers per
 * workspace, pending OAuth authorizations, connections (tokens encrypted with the workspace's
 * data key, lib/secrets.ts), purposes, consents and their append-only history, erasure records.
 */
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { KEYSET_PRECISION } from "../../lib/keyset";
import { workspaceKey } from "../../db/references";

/** A workspace's own customer, keyed by the tenant's `external_user_id`. */
export const endUsers = pgTable(
  "end_users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    externalUserId: text("external_user_id").notNull(),
    email: text("email"),
    name: text("name"),
    phone: text("phone"),
    /** keys of the workspace's user roles (user_roles.key) — seed 003 §4.2 `roles` */
    roles: text("roles").array().notNull().default(sql`'{}'::text[]`),
    /** seed 003 §4.2; `pending` and `disabled` users receive no notifications */
    status: text("status", { enum: ["pending", "active", "disabled", "unverified"] })
      .notNull()
      .default("active"),
    /** the tenant's own fields (seed 003 §4.2 `metadata`) */
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    /** set when the end user's data was erased (GDPR Art. 17); the row stays pseudonymised */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("end_users_ws_external_key").on(t.workspaceId, t.externalUserId),
    index("end_users_ws_created_idx").on(t.workspaceId, t.createdAt, t.id),
    index("end_users_roles_idx").using("gin", t.roles),
    check("end_users_status_check", sql`${t.status} IN ('pending', 'active', 'disabled', 'unverified')`),
  ],
);

/** The workspace-defined user roles (seed 003 §5.7); users and rules name them by `key` (immutable). */
export const userRoles = pgTable(
  "user_roles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("user_roles_ws_key").on(t.workspaceId, t.key)],
);

/** An end user's mobile push tokens (FCM registration tokens, APNs device tokens), one row each. */
export const pushTokens = pgTable(
  "push_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    endUserId: uuid("end_user_id")
      .notNull()
      .references(() => endUsers.id, { onDelete: "cascade" }),
    platform: text("platform", { enum: ["fcm", "apns"] }).notNull(),
    token: text("token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("push_tokens_ws_platform_token_key").on(t.workspaceId, t.platform, t.token),
    index("push_tokens_end_user_idx").on(t.workspaceId, t.endUserId),
    check("push_tokens_platform_check", sql`${t.platform} IN ('fcm', 'apns')`),
  ],
);

/** Short-lived, single-use links that open the client portal as one end user. */
export const connectSessions = pgTable(
  "connect_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    endUserId: uuid("end_user_id")
      .notNull()
      .references(() => endUsers.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("connect_sessions_hash_key").on(t.tokenHash)],
);

/** A workspace's OAuth client at one provider (client secret encrypted). */
export const oauthApps = pgTable(
  "oauth_apps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    clientId: text("client_id").notNull(),
    clientSecretEncrypted: text("client_secret_encrypted").notNull(),
    scopes: text("scopes").array(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("oauth_apps_ws_provider_key").on(t.workspaceId, t.provider)],
);

/** A workspace's own OAuth 2 provider; its key is `custom:<slug>`. */
export const customProviders = pgTable(
  "custom_providers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    authorizationUrl: text("authorization_url").notNull(),
    tokenUrl: text("token_url").notNull(),
    apiBaseUrl: text("api_base_url").notNull(),
    scopes: text("scopes").array().notNull().default([]),
    /** how the token endpoint authenticates the client (RFC 6749 §2.3.1; RFC 8414 names) */
    tokenEndpointAuthMethod: text("token_endpoint_auth_method", { enum: ["client_secret_basic", "client_secret_post"] })
      .notNull()
      .default("client_secret_basic"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("custom_providers_ws_slug_key").on(t.workspaceId, t.slug),
    check("custom_providers_token_endpoint_auth_method_check", sql`${t.tokenEndpointAuthMethod} IN ('client_secret_basic', 'client_secret_post')`),
  ],
);

/**
 * The platform's own OAuth client at a catalogue provider, set by a super admin; workspaces with
 * no OAuth app of their own for that provider use it. No workspace_id: every scope reads it, only
 * the platform scope writes it (RLS policies in migration 0022). Secret sealed by encryptForPlatform.
 */
export const platformOAuthApps = pgTable("platform_oauth_apps", {
  provider: text("provider").primaryKey(),
  clientId: text("client_id").notNull(),
  clientSecretEncrypted: text("client_secret_encrypted").notNull(),
  scopes: text("scopes").array(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An authorization in flight: `state` (hashed) → PKCE verifier (encrypted), 10 minutes. */
export const oauthAuthorizations = pgTable(
  "oauth_authorizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    /** null when the authorization connects the workspace itself */
    endUserId: uuid("end_user_id").references(() => endUsers.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    stateHash: text("state_hash").notNull(),
    codeVerifierEncrypted: text("code_verifier_encrypted").notNull(),
    returnTo: text("return_to"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("oauth_authorizations_state_key").on(t.stateHash)],
);

export const connections = pgTable(
  "connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    /** null for a workspace connection (the workspace's own, used by runs with no end user) */
    endUserId: uuid("end_user_id").references(() => endUsers.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    status: text("status", { enum: ["active", "expired", "revoked", "error"] })
      .notNull()
      .default("active"),
    /** a sandbox connection (test mode, no OAuth): its calls go to the provider's simulator only */
    sandbox: boolean("sandbox").notNull().default(false),
    scopes: text("scopes").array().notNull().default([]),
    /** access token / API key, encrypted (purpose `connection:<id>:access`) */
    accessTokenEncrypted: text("access_token_encrypted"),
    refreshTokenEncrypted: text("refresh_token_encrypted"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /** when the token is due for a refresh: 80 % into its lifetime (connections.ts refreshDueAt) */
    refreshDueAt: timestamp("refresh_due_at", { withTimezone: true }),
    lastError: text("last_error"),
    /** non-secret connection settings: subdomain, instance_url, team id… */
    config: jsonb("config").$type<Record<string, string>>().notNull().default({}),
    lastRefreshedAt: timestamp("last_refreshed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("connections_end_user_idx").on(t.workspaceId, t.endUserId),
    index("connections_expiry_idx").on(t.status, t.expiresAt),
    index("connections_workspace_provider_idx").on(t.workspaceId, t.provider).where(sql`end_user_id is null`),
  ],
);

/** What the workspace does with end users' integrations, with the notice shown and its version. */
export const purposes = pgTable(
  "purposes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    title: text("title").notNull(),
    notice: text("notice").notNull(),
    version: integer("version").notNull().default(1),
    /** providers whose actions need this consent; empty = every provider */
    providers: text("providers").array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("purposes_ws_key").on(t.workspaceId, t.key)],
);

/** The current consent of an end user for one purpose (key). */
export const consents = pgTable(
  "consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    endUserId: uuid("end_user_id")
      .notNull()
      .references(() => endUsers.id, { onDelete: "cascade" }),
    purpose: text("purpose").notNull(),
    description: text("description").notNull(),
    granted: boolean("granted").notNull(),
    noticeVersion: integer("notice_version").notNull().default(1),
    method: text("method").notNull().default("client_portal"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("consents_end_user_purpose_key").on(t.workspaceId, t.endUserId, t.purpose)],
);

/** Append-only: every grant and revocation, to demonstrate consent (GDPR Art. 7(1)). */
export const consentHistory = pgTable(
  "consent_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    endUserId: uuid("end_user_id")
      .notNull()
      .references(() => endUsers.id, { onDelete: "cascade" }),
    purpose: text("purpose").notNull(),
    granted: boolean("granted").notNull(),
    noticeVersion: integer("notice_version").notNull(),
    /** how it was given: client_portal, api, seed */
    method: text("method").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    meta: jsonb("meta").notNull().default({}),
    at: timestamp("at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
  },
  (t) => [index("consent_history_end_user_idx").on(t.workspaceId, t.endUserId, t.at.desc())],
);

/** A workspace's signing secret (and, for Meta, verify token) for a provider's incoming webhooks. */
export const providerWebhooks = pgTable(
  "provider_webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    provider: text("provider", { enum: ["github", "stripe", "slack", "meta"] }).notNull(),
    secretEncrypted: text("secret_encrypted").notNull(),
    verifyTokenEncrypted: text("verify_token_encrypted"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("provider_webhooks_ws_provider_key").on(t.workspaceId, t.provider)],
);

/** What the provider sandbox received: one row per simulated provider call (test mode, sandbox/). */
export const sandboxRequests = pgTable(
  "sandbox_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    executionId: uuid("execution_id"),
    stepId: text("step_id"),
    provider: text("provider").notNull(),
    action: text("action").notNull(),
    /** whose connection the call used: `workspace`, `end_user:<id>` */
    connection: text("connection").notNull(),
    method: text("method").notNull(),
    /** the provider host the call addressed (null on rows recorded before migration 0038) */
    host: text("host"),
    /** the path and query the call addressed at the provider */
    path: text("path").notNull(),
    /** the headers the call sent, lower-case names (authorisation included: not served by the API) */
    requestHeaders: jsonb("request_headers").$type<Record<string, string>>(),
    requestBody: jsonb("request_body"),
    status: integer("status").notNull(),
    answer: jsonb("answer"),
    /** the simulator's own answer headers (Retry-After …), not the content type (not served by the API) */
    answerHeaders: jsonb("answer_headers").$type<Record<string, string>>(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
  },
  (t) => [index("sandbox_requests_ws_created_idx").on(t.workspaceId, t.createdAt, t.id), index("sandbox_requests_execution_idx").on(t.executionId)],
);
