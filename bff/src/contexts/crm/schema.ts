/** CRM tables (the leads issue adds CRM clients, products, stages and activities). */
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "../tenancy/schema";
import { KEYSET_PRECISION } from "../../lib/keyset";
import { memberships } from "../identity/schema";

export const leads = pgTable("leads", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
  name: text("name"),
  email: text("email"),
  phone: text("phone"),
  source: text("source").notNull(),
  stage: text("stage").notNull().default("new"),
  /** the membership that owns the lead; visibility follows the closure table */
  ownerMembershipId: uuid("owner_membership_id").references(() => memberships.id, { onDelete: "set null" }),
  rawPayload: jsonb("raw_payload").notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
}, (t) => [index("leads_ws_created_idx").on(t.workspaceId, t.createdAt.desc(), t.id), index("leads_owner_idx").on(t.ownerMembershipId)]);
