import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers } from "../../testing/fixtures";

let h: Harness;
let dev: string;
beforeAll(async () => {
  h = await openHarness();
  dev = await h.signIn("dev@acme.test");
});
afterAll(async () => {
  await h.close();
});

const KEY = /^nhood_sk_live_[A-Za-z0-9_-]{43}$/;
const keysPath = () => `/api/v1/workspaces/${h.acmeId}/api-keys`;

interface Created {
  id: string;
  key: string;
  prefix: string;
  scopes: string[];
  last_used_at: string | null;
  revoked_at: string | null;
}

async function createKey(name: string, scopes?: string[]): Promise<Created> {
  const res = await h.call("POST", keysPath(), { token: dev, body: { name, ...(scopes && { scopes }) } });
  expect(res.status).toBe(201);
  return (await res.json()) as Created;
}

describe("API keys", () => {
  it("shows the full key once, then only its prefix", async () => {
    const created = await createKey("shown once");
    expect(created.key).toMatch(KEY);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.prefix.length).toBeLessThan(created.key.length - 30);

    const res = await h.call("GET", keysPath(), { token: dev });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(created.key);
    const { items } = JSON.parse(text) as { items: (Created & Record<string, unknown>)[] };
    const listed = items.find((k) => k.id === created.id)!;
    expect(listed.prefix).toBe(created.prefix);
    expect(listed).not.toHaveProperty("key");
    expect(listed).not.toHaveProperty("key_hash");
  });

  it("stores only the SHA-256 hex digest, never the key", async () => {
    const created = await createKey("hashed");
    const [row] = await h.owner<{ key_hash: string }[]>`select key_hash from api_keys where id = ${created.id}`;
    expect(row!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.key_hash).toBe(createHash("sha256").update(created.key).digest("hex"));
    const [leak] = await h.owner<{ n: number }[]>`select count(*)::int as n from api_keys t where t::text like ${`%${created.key.slice(14)}%`}`;
    expect(leak!.n).toBe(0);
  });

  it("authenticates with Authorization: Bearer on a route its scope allows, and records last use", async () => {
    const created = await createKey("bearer", ["workflows"]);
    expect(created.last_used_at).toBeNull();
    const res = await h.call("GET", `/api/v1/workspaces/${h.acmeId}/workflows`, { token: created.key });
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty("items");
    const [row] = await h.owner<{ last_used_at: Date | null }[]>`select last_used_at from api_keys where id = ${created.id}`;
    expect(row!.last_used_at).toBeInstanceOf(Date);
    expect(Date.now() - row!.last_used_at!.getTime()).toBeLessThan(60_000);
  });

  it("refuses a route outside the key's scopes with 403", async () => {
    const created = await createKey("leads only", ["leads"]);
    expect((await h.call("GET", `/api/v1/workspaces/${h.acmeId}/leads`, { token: created.key })).status).toBe(200);
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${h.acmeId}/workflows`, { token: created.key }), 403);
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${h.acmeId}/end-users`, { token: created.key }), 403);
  });

  it("refuses API keys on people-only routes such as the key list", async () => {
    const created = await createKey("no key admin");
    await expectProblem(await h.call("GET", keysPath(), { token: created.key }), 403);
    await expectProblem(await h.call("POST", keysPath(), { token: created.key, body: { name: "escalate" } }), 403);
  });

  it("stops working at once when revoked", async () => {
    const created = await createKey("to revoke", ["workflows"]);
    const path = `/api/v1/workspaces/${h.acmeId}/workflows`;
    expect((await h.call("GET", path, { token: created.key })).status).toBe(200);
    expect((await h.call("DELETE", `${keysPath()}/${created.id}`, { token: dev })).status).toBe(204);
    await expectProblem(await h.call("GET", path, { token: created.key }), 401);
    const { items } = (await (await h.call("GET", keysPath(), { token: dev })).json()) as { items: Created[] };
    expect(items.find((k) => k.id === created.id)!.revoked_at).not.toBeNull();
    // revoking twice is a no-op; an unknown key is 404
    expect((await h.call("DELETE", `${keysPath()}/${created.id}`, { token: dev })).status).toBe(204);
    await expectProblem(await h.call("DELETE", `${keysPath()}/${crypto.randomUUID()}`, { token: dev }), 404);
  });

  it("stops working once past its expiry, even just after a request resolved it", async () => {
    // a resolved key is kept in memory for a moment, never past its expiry (decision 036)
    const expiresAt = Date.now() + 3000;
    const res = await h.call("POST", keysPath(), {
      token: dev,
      body: { name: "expiring", scopes: ["workflows"], expires_at: new Date(expiresAt).toISOString() },
    });
    const created = (await res.json()) as Created;
    const path = `/api/v1/workspaces/${h.acmeId}/workflows`;
    expect((await h.call("GET", path, { token: created.key })).status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 20));
    await expectProblem(await h.call("GET", path, { token: created.key }), 401);
  });

  it("refuses a key sent in the query string with 400 naming #/query/api_key", async () => {
    const created = await createKey("query string", ["workflows"]);
    const p = await expectProblem(await h.call("GET", `/api/v1/workspaces/${h.acmeId}/workflows?api_key=${created.key}`), 400);
    expect(pointers(p)).toContain("#/query/api_key");
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${h.acmeId}/workflows?q=${created.key}`), 400);
  });

  it("refuses bad create bodies with field pointers", async () => {
    const p = await expectProblem(await h.call("POST", keysPath(), { token: dev, body: { name: "", scopes: ["root"] } }), 400);
    expect(pointers(p)).toEqual(expect.arrayContaining(["#/name", "#/scopes/0"]));
  });

  it("is not for sales reps: 403 on list and create", async () => {
    const rep = await h.signIn("rep1@acme.test");
    await expectProblem(await h.call("GET", keysPath(), { token: rep }), 403);
    await expectProblem(await h.call("POST", keysPath(), { token: rep, body: { name: "nope" } }), 403);
  });
});
