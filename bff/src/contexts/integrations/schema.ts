/** Integrations tables owned so far: end users, connect sessions, connections and consents. */
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "../tenancy/schema";
import { KEYSET_PRECISION } from "../../lib/keyset";

/** A workspace's own customer, keyed by the tenant's `external_user_id`. */
export const endUsers = pgTable("end_users", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
  externalUserId: text("external_user_id").notNull(),
  email: text("email"),
  name: text("name"),
  createdAt: timestamp("created_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
}, (t) => [uniqueIndex("end_users_ws_external_key").on(t.workspaceId, t.externalUserId), index("end_users_ws_created_idx").on(t.workspaceId, t.createdAt.desc(), t.id)]);

/** Short-lived, single-use links that open the client portal as one end user. */
export const connectSessions = pgTable("connect_sessions", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
  endUserId: uuid("end_user_id").notNull().references(() => endUsers.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("connect_sessions_hash_key").on(t.tokenHash)]);

export const connections = pgTable("connections", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
  endUserId: uuid("end_user_id").notNull().references(() => endUsers.id, { onDelete: "cascade" }),
  provider: text("provider").notNull(),
  status: text("status", { enum: ["active", "expired", "revoked", "error"] }).notNull().default("active"),
  scopes: text("scopes").array().notNull().default([]),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("connections_end_user_idx").on(t.workspaceId, t.endUserId)]);

export const consents = pgTable("consents", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
  endUserId: uuid("end_user_id").notNull().references(() => endUsers.id, { onDelete: "cascade" }),
  purpose: text("purpose").notNull(),
  description: text("description").notNull(),
  granted: boolean("granted").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("consents_end_user_purpose_key").on(t.workspaceId, t.endUserId, t.purpose)]);
