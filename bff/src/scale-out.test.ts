/**
 * Two web processes and one worker process on one database: sessions, rate limits and the
 * event backbone work across them (docs/scaling.md).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import postgres from "postgres";
import { startProcess, type BffProcess } from "./testing/processes";
import { dropDatabase } from "./db/bootstrap";

let a: BffProcess;
let b: BffProcess;
let worker: BffProcess;
let owner: postgres.Sql;
// its own database, so the worker process does not take jobs other test files run themselves
const dbName = `${new URL(inject("ownerUrl")).pathname.slice(1)}_scale`;
const ownerUrl = Object.assign(new URL(inject("ownerUrl")), { pathname: `/${dbName}` }).toString();
const env = (seed: boolean) => ({ DATABASE_URL: ownerUrl, NHOOD_SEED: seed ? "1" : "0" });

beforeAll(async () => {
  // the first process migrates and seeds the database; the other two start on it together
  a = await startProcess(["--web"], env(true));
  [b, worker] = await Promise.all([startProcess(["--web"], env(false)), startProcess(["--worker"], env(false))]);
  owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
}, 240_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), worker?.stop()]);
  await owner?.end();
  await dropDatabase(inject("ownerUrl"), dbName);
});

const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("scale-out", () => {
  it("a session started on one process works on the other, and refresh-token reuse is caught across them", async () => {
    const login = await fetch(`${a.url}/api/v1/auth/login`, json({ email: "dev@acme.test", password: "demo-password-1" }));
    expect(login.status).toBe(200);
    const { access_token } = (await login.json()) as { access_token: string };
    const me = await fetch(`${b.url}/api/v1/me`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(me.status).toBe(200);

    const cookies = Object.fromEntries(login.headers.getSetCookie().map((c) => c.split(";")[0]!.split("=") as [string, string]));
    const refresh = (url: string) =>
      fetch(`${url}/api/v1/auth/refresh`, {
        method: "POST",
        headers: { cookie: `nh_rt=${cookies.nh_rt}; nh_csrf=${cookies.nh_csrf}`, "x-csrf-token": cookies.nh_csrf! },
      });
    expect((await refresh(b.url)).status).toBe(200);
    expect((await refresh(a.url)).status).toBe(401);
  });

  it("a workspace's rate limit holds across processes", async () => {
    const signUp = await fetch(
      `${a.url}/api/v1/workspaces`,
      json({ name: "Scale Co", email: `scale-${Date.now()}@fresh.test`, password: "fresh-password-123" }),
    );
    const { workspace_id, api_key } = (await signUp.json()) as { workspace_id: string; api_key: string };
    await owner`insert into plans (id, name, requests_per_hour) values ('scale_test', 'Scale test', 4) on conflict (id) do update set requests_per_hour = 4`;
    await owner`update workspaces set plan = 'scale_test' where id = ${workspace_id}`;
    const statuses: number[] = [];
    for (const p of [a, b, a, b, a, b]) {
      const res = await fetch(`${p.url}/api/v1/workspaces/${workspace_id}/workflows`, { headers: { authorization: `Bearer ${api_key}` } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it("a domain event written by a web process is consumed by the separate worker", async () => {
    const login = await fetch(`${b.url}/api/v1/auth/login`, json({ email: "owner@globex.test", password: "demo-password-1" }));
    const { access_token, workspace_id } = (await login.json()) as { access_token: string; workspace_id: string };
    const created = await fetch(`${b.url}/api/v1/workspaces/${workspace_id}/api-keys`, {
      ...json({ name: `scale-${Date.now()}` }),
      headers: { "content-type": "application/json", authorization: `Bearer ${access_token}` },
    });
    const key = (await created.json()) as { id: string };
    let rows: readonly unknown[] = [];
    for (let i = 0; i < 100 && rows.length === 0; i++) {
      rows = await owner`select 1 from audit_log where action = 'api_key.created' and subject_id = ${key.id}`;
      if (!rows.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows).toHaveLength(1);
  });

  it("a notification caused through one process reaches an inbox stream open on the other (via the worker)", async () => {
    const login = await fetch(`${a.url}/api/v1/auth/login`, json({ email: "dev@acme.test", password: "demo-password-1" }));
    const { access_token, workspace_id } = (await login.json()) as { access_token: string; workspace_id: string };
    const auth = { authorization: `Bearer ${access_token}` };
    const key = (await (
      await fetch(`${b.url}/api/v1/workspaces/${workspace_id}/api-keys`, {
        ...json({ name: "scale-events" }),
        headers: { "content-type": "application/json", ...auth },
      })
    ).json()) as { key: string };

    const controller = new AbortController();
    const stream = await fetch(`${a.url}/api/v1/notifications/stream`, { headers: { ...auth, accept: "text/event-stream" }, signal: controller.signal });
    expect(stream.status).toBe(200);
    const marker = `boom-${Date.now()}`;
    const received = (async () => {
      const reader = stream.body!.getReader();
      let text = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return text;
        text += new TextDecoder().decode(value);
        if (text.includes(marker)) return text;
      }
    })();
    const sent = await fetch(`${b.url}/api/v1/events`, {
      ...json({ type: "execution.failed", payload: { error: marker } }),
      headers: { "content-type": "application/json", authorization: `Bearer ${key.key}` },
    });
    expect(sent.status).toBeLessThan(300);
    const timeout = new Promise<string>((_, reject) => setTimeout(() => reject(new Error("no notification within 20 s")), 20_000));
    const text = await Promise.race([received, timeout]).finally(() => controller.abort());
    expect(text).toContain(marker);
  });
});
