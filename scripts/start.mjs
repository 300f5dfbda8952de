#!/usr/bin/env node
/**
 * `pnpm start`: builds what needs building (turbo, cached), then runs the BFF — API, shell,
 * portals and workers on one port — as `node bff/dist/server.js`. `pnpm start -- --web` runs only
 * the HTTP side, `pnpm worker` (`--worker`) only the job workers. Without DATABASE_URL the BFF
 * starts an embedded PostgreSQL.
 * Signals are passed on so Ctrl-C / SIGTERM stop everything cleanly.
 * Set NHOOD_SKIP_BUILD=1 to start from an existing build, NHOOD_FROM_SOURCE=1 to run the BFF's
 * TypeScript sources through tsx instead of its build.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

if (process.env.NHOOD_SKIP_BUILD !== "1") {
  const build = spawnSync("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// the BFF as built by `turbo run build` (bff/build.mjs): plain JavaScript, no TypeScript loader;
// NHOOD_FROM_SOURCE=1 runs its TypeScript sources through tsx instead (development, comparisons)
const entry = process.env.NHOOD_FROM_SOURCE === "1" ? ["--import", "tsx", "src/server.ts"] : ["dist/server.js"];
const child = spawn(process.execPath, [...entry, ...process.argv.slice(2)], {
  cwd: path.join(root, "bff"),
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
