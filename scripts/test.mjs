#!/usr/bin/env node
/**
 * `pnpm test`: every test in the repository, in order —
 *   1. `pnpm lint` (Biome's lint and format check, the portals' dependency rules), then build
 *      (turbo, cached) and typecheck;
 *   2. unit, component and BFF integration tests (vitest in each package, real PostgreSQL);
 *   3. end-to-end tests (Playwright in headless Chromium against a freshly started suite).
 * With DATABASE_URL the tests create (and drop) their own databases on that server; without it
 * an embedded PostgreSQL is started for the run under `.data/test-postgres` and stopped after.
 * Pass `--unit` or `--e2e` to run one part.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const only = process.argv.includes("--unit") ? "unit" : process.argv.includes("--e2e") ? "e2e" : "all";

function run(cmd, args, env = {}) {
  console.log(`\n▶ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return r.status ?? 1;
}

async function startTestPostgres() {
  const child = spawn(process.execPath, ["--import", "tsx", "src/testing/test-postgres.ts"], {
    cwd: path.join(root, "bff"), stdio: ["pipe", "pipe", "inherit"],
  });
  const url = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`embedded PostgreSQL exited (${code})`)));
  });
  return { url, stop: () => new Promise((resolve) => { child.once("exit", resolve); child.kill("SIGTERM"); }) };
}

let embedded = null;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.log("No DATABASE_URL: starting an embedded PostgreSQL for the tests (.data/test-postgres)");
  embedded = await startTestPostgres();
  databaseUrl = embedded.url;
}
const env = { DATABASE_URL: databaseUrl, NHOOD_DATA_DIR: path.join(root, ".data", "test") };

// lint, format and dependency rules first: they fail in seconds, before any build
let status = run("pnpm", ["run", "lint"]);
if (status === 0) status = run("pnpm", ["exec", "turbo", "run", "build", "typecheck", "--output-logs=errors-only"], env);
if (status === 0 && only !== "e2e") status = run("pnpm", ["exec", "turbo", "run", "test", "--concurrency=1", "--filter=!@nhood/e2e"], env);
if (status === 0 && only !== "unit") status = run("pnpm", ["--filter", "@nhood/e2e", "test"], env);

await embedded?.stop();
console.log(status === 0 ? "\n✔ all tests passed" : "\n✘ tests failed");
process.exit(status);
