#!/usr/bin/env node
/**
 * `pnpm start`: builds what needs building (turbo, cached), then runs the BFF — API, shell,
 * portals and workers on one port. Without DATABASE_URL the BFF starts an embedded PostgreSQL.
 * Signals are passed on so Ctrl-C / SIGTERM stop everything cleanly.
 * Set NHOOD_SKIP_BUILD=1 to start from an existing build.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

if (process.env.NHOOD_SKIP_BUILD !== "1") {
  const build = spawnSync("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts", ...process.argv.slice(2)], {
  cwd: path.join(root, "bff"),
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
