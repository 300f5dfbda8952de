/** Tenancy tables: workspaces (the tenant) and their branding. */
import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { KEYSET_PRECISION } from "../../lib/keyset";

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  plan: text("plan", { enum: ["free", "professional", "enterprise"] }).notNull().default("free"),
  status: text("status", { enum: ["active", "suspended"] }).notNull().default("active"),
  /** the workspace's AES-256-GCM data key, wrapped by the master key (lib/secrets.ts) */
  dataKeyWrapped: text("data_key_wrapped").notNull(),
  /** Standard Webhooks `whsec_` secret, encrypted with the data key */
  webhookSecretEncrypted: text("webhook_secret_encrypted").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
}, (t) => [index("workspaces_created_idx").on(t.createdAt.desc(), t.id), index("workspaces_name_idx").on(sql`lower(${t.name})`)]);

export const branding = pgTable("branding", {
  workspaceId: uuid("workspace_id").primaryKey().references(() => workspaces.id, { onDelete: "cascade" }),
  displayName: text("display_name").notNull(),
  logoUrl: text("logo_url"),
  primaryColor: text("primary_color").notNull().default("#4f46e5"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
