/** Access tables: a workspace's edits to the role → permission mapping (the defaults live in code). */
import { boolean, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaceKey } from "../../db/references";

/** One admin decision: `role` may (allowed) or may not call `permission` ("METHOD /route/pattern"). */
export const rolePermissions = pgTable(
  "role_permissions",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaceKey.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "admin", "developer", "sales_manager", "sales_rep", "member"] }).notNull(),
    permission: text("permission").notNull(),
    allowed: boolean("allowed").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.role, t.permission] })],
);
