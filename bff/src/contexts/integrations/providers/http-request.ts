/**
 * `http.request`: a request to any public URL, or — with `connection` set to a custom provider
 * key (`custom:<slug>`) — to a path under that provider's API base URL with the end user's token.
 * Every hop passes the SSRF guard (ssrf.ts); 429/5xx and network errors are retryable. Unless
 * the step sets its own, the request carries `Idempotency-Key: <execution id>:<step id>` (IETF
 * draft-ietf-httpapi-idempotency-key-header), the same for every attempt of the step.
 */
import { z } from "zod";
import { ActionFailed, connectionOwnerOf, registerAction } from "../actions";
import { credentialsFor } from "../connections";
import { appDatabase } from "../../../kernel/app-database";
import { BlockedUrl, guardedRequest } from "../ssrf";

const input = z.object({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("GET"),
  url: z.string().min(1).max(2048),
  connection: z
    .string()
    .regex(/^custom:[a-z0-9_-]+$/)
    .optional(),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.unknown().optional(),
});

registerAction({
  provider: "http",
  action: "request",
  title: "HTTP request",
  input,
  run: async (i: z.infer<typeof input>, ctx) => {
    const headers: Record<string, string> = { accept: "application/json", ...i.headers };
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "idempotency-key")) headers["idempotency-key"] = ctx.idempotencyKey;
    let url = i.url;
    if (i.connection) {
      const owner = connectionOwnerOf(ctx);
      const creds = await credentialsFor(appDatabase(), ctx.workspaceId, owner.owner === "workspace" ? null : owner.endUserId, i.connection);
      url = /^https?:\/\//.test(url) ? url : `${(creds.apiBaseUrl ?? "").replace(/\/$/, "")}/${url.replace(/^\//, "")}`;
      if (creds.apiBaseUrl && !url.startsWith(creds.apiBaseUrl.replace(/\/$/, "")))
        throw new ActionFailed("the URL must stay under the connection's API base URL", false);
      headers.authorization = `Bearer ${creds.secret}`;
    }
    let body: string | undefined;
    if (i.body !== undefined) {
      body = typeof i.body === "string" ? i.body : JSON.stringify(i.body);
      headers["content-type"] ??= typeof i.body === "string" ? "text/plain" : "application/json";
    }
    let res;
    try {
      res = await guardedRequest({ method: i.method, url, headers, body, signal: ctx.signal });
    } catch (e) {
      if (e instanceof BlockedUrl) throw new ActionFailed(e.message, false);
      throw new ActionFailed(`network error: ${(e as Error).message}`, !ctx.signal.aborted);
    }
    let parsed: unknown = res.body;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      /* text body */
    }
    if (res.status >= 400) throw new ActionFailed(`the server answered ${res.status}`, res.status === 429 || res.status >= 500, res.status);
    return { output: { status: res.status, headers: res.headers, body: parsed } };
  },
});
