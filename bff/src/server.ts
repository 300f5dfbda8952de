/**
 * Process entry point. `tsx src/server.ts` runs everything on one port (API, static portals,
 * workers); `--worker` runs only the job workers (needs DATABASE_URL); `--web` only the HTTP side.
 * Without DATABASE_URL an embedded PostgreSQL is started under `.data/`. SIGINT/SIGTERM stop the
 * HTTP server, then the workers, the pool and the embedded PostgreSQL, in that order.
 */
import { serve } from "@hono/node-server";
import path from "node:path";
import { config, repoRoot } from "./config";
import { startEmbeddedPostgres, type EmbeddedServer } from "./db/embedded";
import { assertAppRoleIsRestricted, bootstrapDatabase } from "./db/bootstrap";
import { openDatabase } from "./db/client";
import { createApp } from "./app";
import { startWorkers } from "./jobs/runner";
import { startEventDispatcher } from "./kernel/dispatch";
import { startEventEvaluator } from "./contexts/notifications";
import { startUsageRecorder } from "./contexts/tenancy";
import { logger } from "./lib/logger";
import { startTracing, stopTracing } from "./lib/tracing";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoOnce } from "./seed/demo";

const workerOnly = process.argv.includes("--worker");
const webOnly = process.argv.includes("--web") || process.env.NHOOD_WORKERS === "0";

async function main() {
  if (startTracing()) logger.info({ endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT }, "tracing on");
  let embedded: EmbeddedServer | null = null;
  let ownerUrl = config.databaseUrl;
  if (!ownerUrl) {
    if (workerOnly) throw new Error("a separate worker needs DATABASE_URL (the embedded PostgreSQL belongs to the web process)");
    logger.info({ dir: path.relative(repoRoot, path.join(repoRoot, ".data")) }, "no DATABASE_URL: starting the embedded PostgreSQL");
    embedded = await startEmbeddedPostgres();
    ownerUrl = embedded.url;
  }
  const appUrl = await bootstrapDatabase(ownerUrl, config.appDatabaseUrl);
  const handles = openDatabase(appUrl, Number(process.env.DB_POOL_SIZE ?? 20));
  await assertAppRoleIsRestricted(handles.sql);

  const workers = webOnly ? null : await startWorkers(appUrl, handles.db);
  // the evaluator's own connections: its batches never queue behind requests for a pooled one (decision 029)
  const evaluatorHandles = webOnly ? null : openDatabase(appUrl, Number(process.env.NOTIFICATIONS_DB_POOL_SIZE ?? 2));
  const eventEvaluator = evaluatorHandles ? startEventEvaluator(evaluatorHandles.db, { listen: handles.sql, streams: handles.db }) : null;
  const eventDispatcher = webOnly ? null : startEventDispatcher(handles.db, { listen: handles.sql });
  // API calls and executions per day (usage history), written in batches every few seconds
  const stopUsageRecorder = startUsageRecorder(handles.db);
  let server: ReturnType<typeof serve> | null = null;
  if (!workerOnly) {
    const seed = process.env.NHOOD_SEED === "0" ? null : await seedDemoOnce(handles.db);
    const app = createApp({ db: handles.db, sql: handles.sql });
    server = serve({ fetch: app.fetch, port: config.port, hostname: process.env.HOST ?? "0.0.0.0" });
    // Node closes a keep-alive connection idle for 5 s by default; a client that sends its next
    // request on it at that moment gets ECONNRESET and no answer — 4 of 13,000 webhooks of
    // `bench:workflows --sustained 200` (decision 037). Idle connections are kept 65 s (above the
    // 60 s idle timeout of common load balancers and clients), so that race is rare; headers
    // must then be allowed a little longer still.
    const keepAliveMs = Number(process.env.HTTP_KEEP_ALIVE_TIMEOUT_MS ?? 65_000);
    Object.assign(server, { keepAliveTimeout: keepAliveMs, headersTimeout: keepAliveMs + 1_000 });
    const lines = [
      "",
      `  NeighbourHood is running at ${config.publicUrl}`,
      `  database: ${embedded ? "embedded PostgreSQL (.data/postgres)" : "DATABASE_URL"}${seed?.seeded ? " — demo seeded" : ""}`,
      `  demo accounts (password: ${DEMO_PASSWORD}):`,
      ...DEMO_ACCOUNTS.map((a) => `    ${a.email.padEnd(26)} ${a.role} → ${a.portals}`),
      "    end user user_xyz (Acme)   → client portal: Developer portal › End users › Open client portal",
      "",
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await eventEvaluator?.stop();
    await evaluatorHandles?.close();
    await eventDispatcher?.stop();
    await workers?.stop();
    await stopUsageRecorder();
    await handles.close();
    await embedded?.stop();
    await stopTracing();
    clearTimeout(force);
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  logger.fatal({ err }, "failed to start");
  process.exit(1);
});
