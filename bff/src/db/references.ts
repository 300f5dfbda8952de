/**
 * Key-only stand-ins for the tables that other contexts' tables point at by foreign key
 * (`workspaces.id` of tenancy, `memberships.id` of identity). A context's `schema.ts` names its
 * foreign keys with these instead of importing another context's schema: drizzle-kit writes a
 * foreign key by table and column name, so the migrations are the same, and no context gets the
 * other's columns to query. Only `contexts/<ctx>/schema.ts` may import this file
 * (bff/.dependency-cruiser.cjs). These objects are never exported from db/schema.ts, so
 * drizzle-kit sees the real tables only.
 */
import { pgTable, uuid } from "drizzle-orm/pg-core";

/** tenancy's `workspaces`, its primary key only */
export const workspaceKey = pgTable("workspaces", { id: uuid("id").primaryKey() });

/** identity's `memberships`, its primary key only */
export const membershipKey = pgTable("memberships", { id: uuid("id").primaryKey() });
