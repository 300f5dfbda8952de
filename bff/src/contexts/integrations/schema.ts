/**
 * Integrations tables: end users, connect sessions, OAuth apps and custom providers per
 * workspace, pending OAuth authorizations, connections (tokens encrypted with the workspace's
 * data key, lib/secrets.ts), purposes, consents and their append-only history, erasure records.
 */
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { KEYSET_PRECISION } from "../../lib/keyset";
import { workspaceKey } from "../../db/references";

/** A workspace's own customer, keyed by the tenant's `external_user_id`. */
export const endUsers = pgTable("end_users", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaceKey.id, { onDelete: "cascade" }),
  externalUserId: text("external_user_id").notNull(),
  email: text("email"),
  name: text("name"),
  /** set when the end user's data was erased (GDPR Art. 17); the row stays pseudonymised */
  erasedAt: timestamp("erased_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
}, (t) => [uniqueIndex("end_users_ws_external_key").on(t.workspaceId, t.externalUserId), index("end_users_ws_created_idx").on(t.workspaceId, t.createdAt.desc(), t.id)]);

/** Short-lived, single-use links that open the client portal as one end user. */
export const connectSessions = pgTable("connect_sessions", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaceKey.id, { onDelete: "cascade" }),
  endUserId: uuid("end_user_id").notNull().references(() => endUsers.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("connect_sessions_hash_key").on(t.tokenHash)]);

/** A workspace's OAuth client at one provider (client secret encrypted). */
export const oauthApps = pgTable("oauth_apps", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaceKey.id, { onDelete: "cascade" }),
  provider: text("provider").notNull(),
  clientId: text("client_id").notNull(),
  clientSecretEncrypted: text("client_secret_encrypted").notNull(),
  scopes: text("scopes").array(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("oauth_apps_ws_provider_key").on(t.workspaceId, t.provider)]);

/** A workspace's own OAuth 2 provider; its key is `custom:<slug>`. */
export const customProviders = pgTable("custom_providers", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaceKey.id, { onDelete: "cascade" }),
  slug: text("slug").notNull(),
  name: text("name").notNull(),
  authorizationUrl: text("authorization_url").notNull(),
  tokenUrl: text("token_url").notNull(),
  apiBaseUrl: text("api_base_url").notNull(),
  scopes: text("scopes").array().notNull().default([]),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("custom_providers_ws_slug_key").on(t.workspaceId, t.slug)]);

/** An authorization in flight: `state` (hashed) → PKCE verifier (encrypted), 10 minutes. */
export const oauthAuthorizations = pgTable("oauth_authorizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaceKey.id, { onDelete: "cascade" }),
  endUserId: uuid("end_user_id").notNull().references(() => endUsers.id, { onDelete: "cascade" }),
  provider: text("provider").notNull(),
  stateHash: text("state_hash").notNull(),
  codeVerifierEncrypted: text("code_verifier_encrypted").notNull(),
  returnTo: text("return_to"),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("oauth_authorizations_state_key").on(t.stateHash)]);

export const connections = pgTable("connections", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaceKey.id, { onDelete: "cascade" }),
  endUserId: uuid("end_user_id").notNull().references(() => endUsers.id, { onDelete: "cascade" }),
  provider: text("provider").notNull(),
  status: text("status", { enum: ["active", "expired", "revoked", "error"] }).notNull().default("active"),
  scopes: text("scopes").array().notNull().default([]),
  /** access token / API key, encrypted (purpose `connection:<id>:access`) */
  accessTokenEncrypted: text("access_token_encrypted"),
  refreshTokenEncrypted: text("refresh_token_encrypted"),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  lastError: text("last_error"),
  /** non-secret connection settings: subdomain, instance_url, team id… */
  config: jsonb("config").$type<Record<string, string>>().notNull().default({}),
  lastRefreshedAt: timestamp("last_refreshed_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("connections_end_user_idx").on(t.workspaceId, t.endUserId), index("connections_expiry_idx").on(t.status, t.expiresAt)]);

/** What the workspace does with end users' integrations, with the notice shown and its version. */
export const purposes = pgTable("purposes", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaceKey.id, { onDelete: "cascade" }),
  key: text("key").notNull(),
  title: text("title").notNull(),
  notice: text("notice").notNull(),
  version: integer("version").notNull().default(1),
  /** providers whose actions need this consent; empty = every provider */
  providers: text("providers").array().notNull().default([]),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("purposes_ws_key").on(t.workspaceId, t.key)]);

/** The current consent of an end user for one purpose (key). */
export const consents = pgTable("consents", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaceKey.id, { onDelete: "cascade" }),
  endUserId: uuid("end_user_id").notNull().references(() => endUsers.id, { onDelete: "cascade" }),
  purpose: text("purpose").notNull(),
  description: text("description").notNull(),
  granted: boolean("granted").notNull(),
  noticeVersion: integer("notice_version").notNull().default(1),
  method: text("method").notNull().default("client_portal"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("consents_end_user_purpose_key").on(t.workspaceId, t.endUserId, t.purpose)]);

/** Append-only: every grant and revocation, to demonstrate consent (GDPR Art. 7(1)). */
export const consentHistory = pgTable("consent_history", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaceKey.id, { onDelete: "cascade" }),
  endUserId: uuid("end_user_id").notNull().references(() => endUsers.id, { onDelete: "cascade" }),
  purpose: text("purpose").notNull(),
  granted: boolean("granted").notNull(),
  noticeVersion: integer("notice_version").notNull(),
  /** how it was given: client_portal, api, seed */
  method: text("method").notNull(),
  ip: text("ip"),
  userAgent: text("user_agent"),
  meta: jsonb("meta").notNull().default({}),
  at: timestamp("at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
}, (t) => [index("consent_history_end_user_idx").on(t.workspaceId, t.endUserId, t.at.desc())]);

/** A workspace's signing secret (and, for Meta, verify token) for a provider's incoming webhooks. */
export const providerWebhooks = pgTable("provider_webhooks", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaceKey.id, { onDelete: "cascade" }),
  provider: text("provider", { enum: ["github", "stripe", "slack", "meta"] }).notNull(),
  secretEncrypted: text("secret_encrypted").notNull(),
  verifyTokenEncrypted: text("verify_token_encrypted"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("provider_webhooks_ws_provider_key").on(t.workspaceId, t.provider)]);
