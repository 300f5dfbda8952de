/**
 * Real BFF processes for scale-out tests: `startProcess(["--web"], env)` runs `src/server.ts`
 * as its own Node process on a free port and waits for `/api/health`; `stop()` sends SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const bffDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface BffProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startProcess(args: string[], env: Record<string, string>): Promise<BffProcess> {
  const port = await freePort();
  let log = "";
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts", ...args], {
    cwd: bffDir,
    env: { ...process.env, LOG_LEVEL: "warn", PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => {
    log += d;
  });
  child.stderr!.on("data", (d) => {
    log += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  if (args.includes("--worker")) {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && !/Worker connected/.test(log)) await new Promise((r) => setTimeout(r, 100));
    return { url, child, output: () => log, stop };
  }
  // a cold start compiles the TypeScript with tsx: a few seconds idle, much longer on a loaded machine
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
    const ok = await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { url, child, output: () => log, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`server did not become healthy: ${log}`);
}
