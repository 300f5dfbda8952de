/**
 * Test support for the integrations context: a real local HTTP server that records every request
 * (method, path, headers, body) and answers as the provider would, and helpers that create an
 * end user with a granted consent and a stored connection. Test code only.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { withWorkspace } from "../../db/tenant";
import type { Harness } from "../../testing/harness";
import { setConsent } from "./consents";
import { storeConnection } from "./connections";
import { upsertEndUser } from "./service";
import type { TokenSet } from "./oauth";
import { purposes as schemaPurposes } from "./schema";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
export type Responder = (req: RecordedRequest) => { status?: number; json?: unknown; text?: string; headers?: Record<string, string> };

export interface ProviderServer {
  url: string;
  requests: RecordedRequest[];
  /** the answer for the next requests (default 200 `{"ok":true,"id":"1"}`) */
  respond: (r: Responder) => void;
  close: () => Promise<void>;
}

export async function startProviderServer(): Promise<ProviderServer> {
  const requests: RecordedRequest[] = [];
  let responder: Responder = () => ({ json: { ok: true, id: "1" } });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rec = { method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(rec);
      const a = responder(rec);
      res.writeHead(a.status ?? 200, { "content-type": a.text !== undefined ? "text/plain" : "application/json", ...a.headers });
      res.end(a.text ?? JSON.stringify(a.json ?? {}));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    respond: (r) => {
      responder = r;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** A fresh end user of `workspaceId` who granted every purpose of the workspace. */
export async function consentingEndUser(h: Harness, workspaceId: string, tag: string): Promise<string> {
  return withWorkspace(h.handles.db, workspaceId, async (tx) => {
    const eu = await upsertEndUser(tx, workspaceId, `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`);
    const purposes = await tx.select().from(schemaPurposes);
    for (const p of purposes) await setConsent(tx, workspaceId, eu.id, p.key, true, "api");
    return eu.id;
  });
}

/** Stores a connection as the OAuth callback or the API-key form would. */
export async function givenConnection(
  h: Harness,
  workspaceId: string,
  endUserId: string,
  provider: string,
  secret: string,
  extra: { tokens?: TokenSet; config?: Record<string, string> } = {},
) {
  return withWorkspace(h.handles.db, workspaceId, (tx) => storeConnection(tx, { workspaceId, endUserId, provider, secret, ...extra }));
}

export const actionContext = (workspaceId: string, endUserId: string | null, idempotencyKey: string = crypto.randomUUID()) => ({
  workspaceId,
  endUserId,
  idempotencyKey,
  signal: AbortSignal.timeout(10_000),
});
