/**
 * Brings a database to a runnable state with the operator's (owner) connection: creates the
 * database when missing, creates the app role, applies the committed drizzle migrations and
 * graphile-worker's schema, and grants the app role what it needs — nothing more. Returns the
 * URL the app itself connects with. Safe to run from several processes at once.
 */
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { Logger, runMigrations } from "graphile-worker";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deriveKey } from "../lib/secrets";
import { logger } from "../lib/logger";

export const APP_ROLE = "nhood_app";
const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates the database named in `ownerUrl` when it does not exist yet. */
export async function ensureDatabase(ownerUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(ownerUrl).pathname.slice(1));
  const probe = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await probe`select 1`;
    return;
  } catch (e) {
    if ((e as { code?: string }).code !== "3D000") throw e;
  } finally {
    await probe.end();
  }
  const admin = postgres(withDatabase(ownerUrl, "postgres"), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    logger.info({ database: name }, "created database");
  } catch (e) {
    if ((e as { code?: string }).code !== "42P04") throw e; // created meanwhile by another process
  } finally {
    await admin.end();
  }
}

/** Drops a database (tests only): terminates its connections first. */
export async function dropDatabase(ownerUrl: string, name: string): Promise<void> {
  const admin = postgres(withDatabase(ownerUrl, "postgres"), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** The app role's password: derived from the master key, so every process computes the same. */
function appRolePassword(): string {
  return Buffer.from(deriveKey("app-db-password")).toString("base64url");
}

async function ensureAppRole(sql: postgres.Sql): Promise<void> {
  const password = appRolePassword();
  try {
    await sql.unsafe(`CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== "42710" && code !== "23505") throw e; // exists (or created concurrently)
  }
  await sql.unsafe(`ALTER ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '${password}'`);
}

async function grantAppRole(sql: postgres.Sql, database: string): Promise<void> {
  await sql.unsafe(`
    GRANT CONNECT ON DATABASE "${database.replaceAll('"', '""')}" TO ${APP_ROLE};
    GRANT USAGE ON SCHEMA public, graphile_worker TO ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO ${APP_ROLE};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA graphile_worker TO ${APP_ROLE};
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO ${APP_ROLE};
  `);
  // graphile-worker turns on RLS (without policies) for its private tables; the queue is not
  // tenant data, so the app role gets one allow-all policy on each of them.
  const tables = await sql<{ name: string }[]>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'graphile_worker' and c.relkind = 'r' and c.relrowsecurity
      and not exists (select 1 from pg_policies p where p.schemaname = 'graphile_worker' and p.tablename = c.relname and p.policyname = 'nhood_app_queue')`;
  for (const { name } of tables) {
    await sql.unsafe(`CREATE POLICY nhood_app_queue ON graphile_worker."${name}" FOR ALL TO ${APP_ROLE} USING (true) WITH CHECK (true)`);
  }
}

/**
 * Prepares the database behind `ownerUrl` and answers the app's connection URL
 * (`APP_DATABASE_URL` when given, else the `nhood_app` role on the same server).
 */
export async function bootstrapDatabase(ownerUrl: string, appUrlOverride?: string): Promise<string> {
  await ensureDatabase(ownerUrl);
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    // one bootstrap at a time per database (web and worker may start together)
    await sql`select pg_advisory_lock(7240001)`;
    if (!appUrlOverride) await ensureAppRole(sql);
    await migrate(drizzle(sql), { migrationsFolder });
    await ensureTenantRls(sql);
    await runMigrations({ connectionString: ownerUrl, logger: new Logger(() => () => {}) });
    if (!appUrlOverride) await grantAppRole(sql, decodeURIComponent(new URL(ownerUrl).pathname.slice(1)));
    await sql`select pg_advisory_unlock(7240001)`;
  } finally {
    await sql.end();
  }
  if (appUrlOverride) return appUrlOverride;
  const u = new URL(ownerUrl);
  u.username = APP_ROLE;
  u.password = appRolePassword();
  return u.toString();
}

/**
 * Every table in `public` with a `workspace_id` column is tenant data: this turns on and forces
 * row-level security and adds the standard `tenant_isolation` policy wherever a table has no
 * policy yet, so a new context's tables cannot be forgotten (docs/decisions/003). Tables with
 * their own policies (see migrations) are left as they are.
 */
export async function ensureTenantRls(sql: postgres.Sql): Promise<string[]> {
  const tables = await sql<{ name: string; policies: number; rls: boolean; force: boolean }[]>`
    select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as force,
      (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'workspace_id' and not a.attisdropped)`;
  const changed: string[] = [];
  for (const t of tables) {
    if (t.rls && t.force && t.policies > 0) continue;
    await sql.unsafe(`ALTER TABLE public."${t.name}" ENABLE ROW LEVEL SECURITY; ALTER TABLE public."${t.name}" FORCE ROW LEVEL SECURITY;`);
    if (t.policies === 0) {
      await sql.unsafe(
        `CREATE POLICY tenant_isolation ON public."${t.name}" USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace())`,
      );
    }
    changed.push(t.name);
  }
  return changed;
}

/** Refuses to run the app as a role that could bypass row-level security. */
export async function assertAppRoleIsRestricted(sql: postgres.Sql): Promise<void> {
  const [role] = await sql<{ rolsuper: boolean; rolbypassrls: boolean }[]>`
    select rolsuper, rolbypassrls from pg_roles where rolname = current_user`;
  if (!role || role.rolsuper || role.rolbypassrls) {
    throw new Error("the app's database role must be neither superuser nor BYPASSRLS (see docs/decisions/003-tenant-isolation.md)");
  }
}
