#!/usr/bin/env node
/**
 * `pnpm test`: every test in the repository, in order —
 *   1. `pnpm lint` (Biome's lint and format check, the portals' dependency rules), then build
 *      (turbo, cached) and typecheck;
 *   2. unit, component and BFF integration tests (vitest in each package, real PostgreSQL), then
 *      the BFF's tests again under Node 24 LTS when this Node is older (`.tools/node24`);
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

/** Node 24 LTS, the version the suite targets (decision 019), from the npm registry's `node` package. */
const NODE24 = "24.21.0";

/**
 * The BFF's tests a second time under Node 24 when this Node is older (the first pass ran on it).
 * Node 24 is installed once into the git-ignored `.tools/node24` with `npm install node@<NODE24>`
 * (the binary comes from the npm registry too). Answers the exit status.
 */
function bffTestsOnNode24(env) {
  if (Number(process.versions.node.split(".")[0]) >= 24) return 0; // the first pass ran on 24+ already
  const dir = path.join(root, ".tools", "node24");
  const bin = path.join(dir, "node_modules", ".bin", "node");
  const version = () => spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout?.trim();
  if (version() !== `v${NODE24}`) {
    const status = run("npm", ["install", "--prefix", dir, "--save-exact", "--no-audit", "--no-fund", `node@${NODE24}`]);
    if (status !== 0 || version() !== `v${NODE24}`) {
      console.error(`✘ could not install Node ${NODE24} into ${dir}`);
      return status || 1;
    }
  }
  console.log(`\n▶ BFF tests again on Node ${NODE24} (${path.relative(root, bin)})`);
  const t0 = Date.now();
  const r = spawnSync(bin, ["node_modules/vitest/vitest.mjs", "run"], { cwd: path.join(root, "bff"), stdio: "inherit", env: { ...process.env, ...env } });
  console.log(`  BFF tests on Node ${NODE24}: ${r.status === 0 ? "passed" : "failed"} in ${Math.round((Date.now() - t0) / 1000)} s`);
  return r.status ?? 1;
}

async function startTestPostgres() {
  const child = spawn(process.execPath, ["--import", "tsx", "src/testing/test-postgres.ts"], {
    cwd: path.join(root, "bff"),
    stdio: ["pipe", "pipe", "inherit"],
  });
  const url = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`embedded PostgreSQL exited (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
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
if (status === 0 && only !== "e2e") status = bffTestsOnNode24(env);
if (status === 0 && only !== "unit") status = run("pnpm", ["--filter", "@nhood/e2e", "test"], env);

await embedded?.stop();
console.log(status === 0 ? "\n✔ all tests passed" : "\n✘ tests failed");
process.exit(status);
