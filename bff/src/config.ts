/**
 * Process configuration from the environment, read once at start.
 *
 * - `DATABASE_URL`: a PostgreSQL 15+ server to use (owner rights: migrations, role setup);
 *   unset → an embedded PostgreSQL under `<repo>/.data/postgres`.
 * - `APP_DATABASE_URL`: optional; the connection of the app's own role (neither superuser nor
 *   BYPASSRLS). Unset → the role `nhood_app` is created/updated on the same server.
 * - `PORT` (default 8080), `PUBLIC_URL` (default http://localhost:PORT), `MASTER_KEY`
 *   (base64, 32 bytes; unset → generated once under `.data/master.key`), `LOG_LEVEL`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
/** Root of the monorepo (two levels above bff/src). */
export const repoRoot = path.resolve(here, "../..");
export const dataDir = process.env.NHOOD_DATA_DIR ?? path.join(repoRoot, ".data");

export const config = {
  port: Number(process.env.PORT ?? 8080),
  get publicUrl() {
    return process.env.PUBLIC_URL ?? `http://localhost:${this.port}`;
  },
  databaseUrl: process.env.DATABASE_URL,
  appDatabaseUrl: process.env.APP_DATABASE_URL,
  logLevel: process.env.LOG_LEVEL ?? "info",
  /** JWT issuer and audience (RFC 7519 §4.1.1, §4.1.3) */
  jwtIssuer: "neighbourhood",
  jwtAudience: "neighbourhood-api",
  accessTokenSeconds: 15 * 60,
  refreshTokenSeconds: 7 * 24 * 3600,
  connectSessionSeconds: 10 * 60,
  /** cookies get `Secure` when the public URL is https */
  get secureCookies() {
    return this.publicUrl.startsWith("https://");
  },
};
