/** Shared Hono types: the app's context variables and the dependencies handed to each context. */
import type { Context } from "hono";
import type { HttpBindings } from "@hono/node-server";
import type { Database } from "../db/client";
import type postgres from "postgres";
import type { Principal } from "../contexts/identity/principal";

export interface AppEnv {
  Bindings: HttpBindings;
  Variables: {
    requestId: string;
    principal: Principal;
    /** set by the permission check (contexts/access) when an admin granted this route to the caller's role */
    permissionGranted?: boolean;
  };
}

export type AppContext = Context<AppEnv>;

export interface Deps {
  db: Database;
  sql: postgres.Sql;
  /** requests per hour allowed for a workspace; default: its plan's `requests_per_hour` */
  requestsPerHour?: (workspaceId: string) => Promise<number>;
}
