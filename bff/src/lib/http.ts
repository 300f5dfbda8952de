/** Shared Hono types: the app's context variables and the dependencies handed to each context. */
import type { Context } from "hono";
import type { HttpBindings } from "@hono/node-server";
import type { Database } from "../db/client";
import type postgres from "postgres";

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

/**
 * Who is calling, as identity's `authenticate` middleware (contexts/identity/principal.ts) sets
 * it: kept here, below the contexts, because every context's routes read it from the context.
 */
export type Principal =
  | { kind: "anonymous"; error?: string; reason?: string }
  | {
      kind: "user";
      userId: string;
      email: string;
      name: string;
      platformRole: "super_admin" | "support" | "billing" | null;
      activeWorkspaceId: string | null;
      via: "cookie" | "bearer";
    }
  | { kind: "api_key"; apiKeyId: string; workspaceId: string; scopes: string[]; mode: "live" | "test" }
  | { kind: "end_user"; endUserId: string; workspaceId: string; via: "cookie" | "bearer" }
  /**
   * The client SDK in a browser or app: a publishable key (`nhood_pk_…`) plus the end user's
   * signature (`X-Nhood-User-Hash`, HMAC-SHA256 of the externalUserId with the workspace's
   * user-hash secret). Only the client SDK routes (`/api/v1/client/…`, notifications) accept it.
   */
  | { kind: "client"; workspaceId: string; publishableKeyId: string; externalUserId: string };

export interface Deps {
  db: Database;
  sql: postgres.Sql;
  /** requests per hour allowed for a workspace; default: its plan's `requests_per_hour` */
  requestsPerHour?: (workspaceId: string) => Promise<number>;
}
