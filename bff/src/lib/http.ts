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
  };
}

export type AppContext = Context<AppEnv>;

export interface Deps {
  db: Database;
  sql: postgres.Sql;
}
