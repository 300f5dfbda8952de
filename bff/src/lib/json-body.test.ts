/**
 * lib/json-body.ts over a real @hono/node-server (the only place its fast path applies): JSON read
 * straight from the Node request answers the same as Hono's own reading, malformed JSON is still
 * a 400, and bodies past the limit are a 413 whether they declare their length or come chunked.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { AppEnv } from "./http";
import { cheapBodyLimit, readJsonBody } from "./json-body";
import { problemHandler } from "./problem";
import { validate } from "./validate";

const LIMIT = 64;
let server: ReturnType<typeof serve>;
let base: string;

beforeAll(async () => {
  const app = new Hono<AppEnv>();
  app.onError(problemHandler);
  app.use("*", cheapBodyLimit(LIMIT));
  app.get("/get", (c) => c.json({ ok: true }));
  app.post("/echo", readJsonBody(LIMIT), validate("json", z.object({ n: z.number() })), async (c) =>
    c.json({ valid: c.req.valid("json"), text: await c.req.text(), raw: await c.req.raw.text() }),
  );
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

/** POSTs `chunks` with node:http, chunked when `chunked` (no Content-Length). */
function post(path: string, chunks: string[], opts: { chunked?: boolean; type?: string } = {}): Promise<{ status: number; body: string }> {
  const body = chunks.join("");
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      {
        method: "POST",
        headers: { "content-type": opts.type ?? "application/json", ...(opts.chunked ? {} : { "content-length": Buffer.byteLength(body) }) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("readJsonBody and cheapBodyLimit", () => {
  it("reads JSON from the Node request: validated, and the same bytes for text() and the raw Request", async () => {
    const sent = '{ "n": 7, "extra": "é" }';
    for (const chunked of [false, true]) {
      const res = await post("/echo", ['{ "n": 7,', ' "extra": "é" }'], { chunked });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ valid: { n: 7 }, text: sent, raw: sent });
    }
  });

  it("answers malformed JSON and invalid fields with 400", async () => {
    expect((await post("/echo", ["{ nope"])).status).toBe(400);
    expect((await post("/echo", ['{"n":"x"}'])).status).toBe(400);
  });

  it("refuses a body past the limit with 413, declared or chunked; lets GET through", async () => {
    const big = JSON.stringify({ n: 1, pad: "x".repeat(LIMIT) });
    expect((await post("/echo", [big])).status).toBe(413);
    expect((await post("/echo", [big.slice(0, 40), big.slice(40)], { chunked: true })).status).toBe(413);
    expect((await fetch(`${base}/get`)).status).toBe(200);
  });

  it("leaves other content types to Hono", async () => {
    const res = await post("/echo", ["n=1"], { type: "application/x-www-form-urlencoded" });
    expect(res.status).toBe(400); // the JSON validator sees no JSON body
  });
});
