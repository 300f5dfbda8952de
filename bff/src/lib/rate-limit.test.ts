import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { openDatabase, type DbHandles } from "../db/client";
import { openHarness, type Harness } from "../testing/harness";
import { expectProblem, signUpWorkspace, type FreshWorkspace } from "../testing/fixtures";

let h: Harness;
let other: DbHandles;
let ws: FreshWorkspace;
const LIMIT = 3;

beforeAll(async () => {
  h = await openHarness();
  other = openDatabase(h.appUrl, 2);
  ws = await signUpWorkspace(h, "Rate Co");
});
afterAll(async () => {
  await other.close();
  await h.close();
});

/** Two BFF "processes": separate apps on separate pools, one database. */
const appA = () => createApp({ db: h.handles.db, sql: h.handles.sql, requestsPerHour: async () => LIMIT });
const appB = () => createApp({ db: other.db, sql: other.sql, requestsPerHour: async () => LIMIT });
const list = (app: ReturnType<typeof createApp>, key: string) =>
  app.request(`/api/v1/workspaces/${ws.workspaceId}/workflows`, { headers: { authorization: `Bearer ${key}` } });

describe("rate limits", () => {
  it("count per workspace across processes, send RateLimit headers, and refuse with 429 + Retry-After", async () => {
    const a = appA();
    const b = appB();
    const first = await list(a, ws.apiKey);
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-limit")).toBe(String(LIMIT));
    expect(first.headers.get("ratelimit-remaining")).toBe(String(LIMIT - 1));
    expect(Number(first.headers.get("ratelimit-reset"))).toBeGreaterThan(3500);
    expect(first.headers.get("ratelimit-policy")).toBe(`${LIMIT};w=3600`);
    expect((await list(b, ws.apiKey)).headers.get("ratelimit-remaining")).toBe("1");
    expect((await list(a, ws.apiKey)).headers.get("ratelimit-remaining")).toBe("0");

    const refused = await list(b, ws.apiKey);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    const problem = await expectProblem(refused, 429);
    expect(problem.detail).toMatch(/more than 3 requests/);
  });

  it("leaves other workspaces alone", async () => {
    const acmeKey = (await h
      .call("POST", `/api/v1/workspaces/${h.acmeId}/api-keys`, { token: await h.signIn("dev@acme.test"), body: { name: "rl" } })
      .then((r) => r.json())) as { key: string };
    const res = await appA().request(`/api/v1/workspaces/${h.acmeId}/workflows`, { headers: { authorization: `Bearer ${acmeKey.key}` } });
    expect(res.status).toBe(200);
  });

  it("resets when the window ends", async () => {
    await h.owner`update rate_limits set expire = ${Date.now() - 1} where key like ${`rl${LIMIT}:%`}`;
    const res = await list(appA(), ws.apiKey);
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-remaining")).toBe(String(LIMIT - 1));
  });
});
