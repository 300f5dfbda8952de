/** Notifications tables (the notifications issue adds rules, deliveries, sounds and webhooks). */
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "../tenancy/schema";
import { KEYSET_PRECISION } from "../../lib/keyset";

export const notifications = pgTable("notifications", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
  /** recipient; null = every member of the workspace */
  userId: uuid("user_id"),
  title: text("title").notNull(),
  message: text("message").notNull(),
  priority: text("priority", { enum: ["low", "normal", "high", "critical"] }).notNull().default("normal"),
  readAt: timestamp("read_at", { withTimezone: true }),
  acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
}, (t) => [index("notifications_ws_created_idx").on(t.workspaceId, t.createdAt.desc(), t.id)]);
