/** Workflows tables (the engine issue extends these with versions, executions and step runs). */
import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "../tenancy/schema";
import { KEYSET_PRECISION } from "../../lib/keyset";

export const workflows = pgTable("workflows", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  status: text("status", { enum: ["draft", "active", "disabled"] }).notNull().default("draft"),
  version: integer("version").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: KEYSET_PRECISION }).notNull().defaultNow(),
}, (t) => [index("workflows_ws_updated_idx").on(t.workspaceId, t.updatedAt.desc(), t.id)]);
