/**
 * Test support: a real local HTTP server standing in for a third party (it records every
 * request with its idempotency key and can be told to fail, answer slowly (`/slow…`: 300 ms) or
 * hang (`/hang…`)), and test-only actions that
 * call it (`sink.call`, `sink.slow`), plus the seed's provider actions when the integrations
 * catalogue has not registered them.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { ActionFailed, findAction, registerAction } from "../../integrations";

export interface SinkRequest {
  path: string;
  key: string | null;
  body: unknown;
  at: number;
}

export interface Sink {
  url: string;
  requests: SinkRequest[];
  /** answers `status` to the next `n` requests on `path` */
  failNext: (path: string, n: number, status?: number) => void;
  close: () => Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const requests: SinkRequest[] = [];
  const failures = new Map<string, { n: number; status: number }>();
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const path = req.url ?? "/";
      requests.push({ path, key: (req.headers["idempotency-key"] as string) ?? null, body: raw ? JSON.parse(raw) : null, at: Date.now() });
      const f = failures.get(path);
      if (f && f.n > 0) {
        f.n -= 1;
        res.writeHead(f.status, { "content-type": "application/json" }).end(JSON.stringify({ error: "try again" }));
        return;
      }
      if (path.startsWith("/hang")) return; // never answers: the step timeout must end it
      const answer = () =>
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, echo: raw ? JSON.parse(raw) : null, path }));
      if (path.startsWith("/slow"))
        setTimeout(answer, 300); // answers after 300 ms
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    failNext: (path, n, status = 503) => failures.set(path, { n, status }),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let sinkUrl = "";
/**
 * Points the test actions at `url` for relative paths. Test files run in parallel and any of
 * them may run another's due jobs, so steps that must reach one file's sink carry its full URL.
 */
export function useSink(url: string): void {
  sinkUrl = url;
}

async function post(target: string, body: unknown, key: string, signal: AbortSignal) {
  const res = await fetch(/^https?:/.test(target) ? target : `${sinkUrl}${target}`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify(body),
    signal,
  });
  if (!res.ok) throw new ActionFailed(`sink answered ${res.status}`, res.status >= 500, res.status);
  return res.json();
}

/**
 * Registers `sink.call` ({path, body}; `path` may be a full URL) and the seed's providers (slack, salesforce, jira, zendesk) if missing. */
export function registerTestActions(): void {
  const input = z.object({ path: z.string().default("/call"), body: z.unknown().optional() });
  if (!findAction("sink", "call")) {
    registerAction({
      provider: "sink",
      action: "call",
      title: "Call the test sink",
      input,
      run: async (i, ctx) => ({ output: await post((i as { path: string }).path, (i as { body?: unknown }).body ?? null, ctx.idempotencyKey, ctx.signal) }),
    });
  }
  for (const [provider, action] of [
    ["slack", "send_message"],
    ["salesforce", "create_lead"],
    ["jira", "create_issue"],
    ["zendesk", "create_ticket"],
  ] as const) {
    if (findAction(provider, action)) continue;
    registerAction({
      provider,
      action,
      title: `${provider} ${action} (test)`,
      input: z.record(z.string(), z.unknown()),
      run: async (i, ctx) => ({ output: await post(`/${provider}/${action}`, i, ctx.idempotencyKey, ctx.signal) }),
    });
  }
}
