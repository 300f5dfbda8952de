/**
 * Cheaper request bodies on hot JSON routes (decision 036). Under @hono/node-server, the first
 * touch of `c.req.raw.body` (or `json()`) turns the Node request into a WHATWG `Request` whose
 * body is a web stream over the socket: about a sixth of the CPU `POST /api/v1/events` cost.
 *
 * - `cheapBodyLimit(maxSize, onTooLarge)`: Hono's `bodyLimit`, but a GET or HEAD (no body) or a
 *   request that declares its `Content-Length` (without `Transfer-Encoding`) is judged from its
 *   headers alone, without building that `Request` — as `bodyLimit` itself judges those.
 *   Other requests go through `bodyLimit`.
 * - `readJsonBody(maxSize, onTooLarge)`: on a JSON request served by @hono/node-server whose
 *   body nobody has started to read, reads it straight from the Node request into a Buffer and
 *   hands it to Hono's body cache, so `c.req.json()` (the validator) parses it without a web
 *   stream; `arrayBuffer()` and `text()` answer the same bytes. The Buffer is also left as the
 *   Node request's `rawBody`, which @hono/node-server uses should anything build the `Request`
 *   later. Anything else (no Node request, another content type, a body already being read) is
 *   left to Hono as before.
 */
import type { IncomingMessage } from "node:http";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./http";
import { problemResponse } from "./problem";

/** The largest request body the API takes (bytes). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The 413 problem for a body past MAX_BODY_BYTES. */
export const payloadTooLarge = (c: Context) => problemResponse(c, 413, "payload-too-large", "Payload too large", "The request body is larger than 1 MiB.");

const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/;

export function cheapBodyLimit(maxSize = MAX_BODY_BYTES, onTooLarge: (c: Context) => Response | Promise<Response> = payloadTooLarge) {
  const full = bodyLimit({ maxSize, onError: onTooLarge });
  return createMiddleware<AppEnv>(async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      return Number.parseInt(length || "0", 10) > maxSize ? onTooLarge(c) : next();
    }
    return full(c, next);
  });
}

type NodeRequest = IncomingMessage & { rawBody?: Buffer };

export function readJsonBody(maxSize = MAX_BODY_BYTES, onTooLarge: (c: Context) => Response | Promise<Response> = payloadTooLarge) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = (c.env as { incoming?: NodeRequest } | undefined)?.incoming;
    const type = c.req.header("content-type");
    // a body someone started to read (a listener attached, or a Request built on it) is left alone
    if (!incoming || !type || !JSON_TYPE.test(type) || incoming.rawBody || incoming.readableFlowing !== null || incoming.readableEnded) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    // leaving the loop early must not destroy the request: the 413 still has to be sent
    for await (const chunk of incoming.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxSize) return onTooLarge(c);
      chunks.push(chunk);
    }
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    incoming.rawBody = bytes;
    let parsed: Promise<unknown> | undefined;
    const cache = c.req.bodyCache as Record<string, unknown>;
    // arrayBuffer first: Hono derives a body type it has no entry for from the first entry
    cache.arrayBuffer = Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    // decoded as fetch's Body does (UTF-8, a byte order mark dropped)
    const text = new TextDecoder().decode(bytes);
    cache.text = Promise.resolve(text);
    // parsed when asked for: a rejected promise nobody awaits would be an unhandled rejection
    Object.defineProperty(cache, "json", {
      enumerable: true,
      configurable: true,
      get: () => {
        parsed ??= new Promise((resolve) => resolve(JSON.parse(text)));
        return parsed;
      },
    });
    await next();
  });
}
