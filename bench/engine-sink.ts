/**
 * The benchmark's third party: `bench.sink` posts a step's body to a local node:http server
 * with the step's idempotency key; the server applies each key once (a repeated key is counted
 * as a duplicate delivery, not a second side effect).
 */
import http from "node:http";
import { z } from "zod";

/** Registers `bench.sink` (calls `sinkUrl`) in this process's action registry. */
export async function registerBenchSink(sinkUrl: string): Promise<void> {
  const { registerAction } = await import("../bff/src/contexts/integrations/actions");
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  registerAction({
    provider: "bench", action: "sink", title: "Benchmark sink", input: z.object({ body: z.unknown() }),
    run: (input, ctx) => new Promise((resolve, reject) => {
      const req = http.request(sinkUrl, { method: "POST", agent, headers: { "content-type": "application/json", "idempotency-key": ctx.idempotencyKey }, signal: ctx.signal }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve({ output: { status: res.statusCode } }) : reject(new Error(`sink ${res.statusCode}`))));
      });
      req.on("error", reject);
      req.end(JSON.stringify((input as { body: unknown }).body));
    }),
  });
}

/** The sink server: `applied` holds each idempotency key once; `duplicates` counts repeats. */
export async function startSinkServer(): Promise<{ url: string; applied: Set<string>; duplicates: () => number; close: () => void }> {
  const applied = new Set<string>();
  let duplicates = 0;
  const server = http.createServer((req, res) => {
    const key = String(req.headers["idempotency-key"] ?? "");
    req.resume();
    req.on("end", () => {
      if (applied.has(key)) duplicates += 1;
      else applied.add(key);
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/sink`, applied, duplicates: () => duplicates, close: () => { server.closeAllConnections(); server.close(); } };
}
