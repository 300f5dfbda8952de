import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers } from "../../testing/fixtures";
import { ingest, salesOrg, type SalesOrg } from "../../testing/sales-org";

let h: Harness;
let org: SalesOrg;
beforeAll(async () => {
  process.env.LEAD_INGEST_RATE_LIMIT = "1000";
  h = await openHarness();
  org = await salesOrg(h, "ingest");
});
afterAll(async () => {
  await h.close();
});

describe("lead ingestion", () => {
  it("normalises known fields, keeps the body in raw_payload, and appends lead.created", async () => {
    const res = await ingest(h, org.sourceKey, {
      name: " Ada Lovelace ",
      email: " Ada@Example.COM ",
      phone: "020 7946 0018",
      country: "GB",
      utm_source: "spring",
      lead_reference_id: "form-1",
    });
    expect(res.status).toBe(201);
    const { id, created, stage } = (await res.json()) as { id: string; created: boolean; stage: string };
    expect({ created, stage }).toEqual({ created: true, stage: "new" });
    const [row] = await h.owner<
      { name: string; email: string; phone: string; raw_payload: Record<string, unknown>; crm_client_id: string; source: string }[]
    >`select * from leads where id = ${id}`;
    expect(row).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com", phone: "+442079460018", crm_client_id: org.clientId, source: "web_form" });
    expect(row!.raw_payload).toMatchObject({ utm_source: "spring", email: " Ada@Example.COM " });
    const [ev] = await h.owner<{ n: number }[]>`select count(*)::int as n from domain_events where type = 'lead.created' and subject_id = ${id}`;
    expect(ev!.n).toBe(1);
  });

  it("answers the stored lead for a repeated lead_reference_id and changes nothing", async () => {
    const first = (await (await ingest(h, org.sourceKey, { email: "dup@example.com", lead_reference_id: "dup-1" })).json()) as { id: string };
    const again = await ingest(h, org.sourceKey, { email: "changed@example.com", name: "Other", lead_reference_id: "dup-1" });
    expect(again.status).toBe(200);
    expect((await again.json()) as { id: string; created: boolean }).toMatchObject({ id: first.id, created: false });
    const rows = await h.owner<{ email: string }[]>`select email from leads where lead_reference_id = 'dup-1'`;
    expect(rows).toEqual([{ email: "dup@example.com" }]);
  });

  it("refuses garbage bodies with 4xx problems naming the field", async () => {
    expect(pointers(await expectProblem(await ingest(h, org.sourceKey, { email: "not-an-email" }), 400))).toEqual(["#/email"]);
    expect(pointers(await expectProblem(await ingest(h, org.sourceKey, { phone: "12" }), 400))).toEqual(["#/phone"]);
    expect(pointers(await expectProblem(await ingest(h, org.sourceKey, { email: 42 }), 400))).toEqual(["#/email"]);
    await expectProblem(await ingest(h, org.sourceKey, { utm: "only" }), 400);
    await expectProblem(await ingest(h, org.sourceKey, "{not json", { "content-type": "application/json" }), 400);
    await expectProblem(await ingest(h, org.sourceKey, "[1,2]", { "content-type": "application/json" }), 400);
    await expectProblem(await ingest(h, org.sourceKey, "hello", { "content-type": "text/plain" }), 415);
  });

  it("takes a plain HTML form post with the key in a field, and redirects only to the client's site", async () => {
    const form = new URLSearchParams({ api_key: org.sourceKey, name: "Form Person", email: "form@example.com", _redirect: "https://shop.example.com/thanks" });
    const res = await h.call("POST", "/api/v1/leads/ingest", {
      body: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://shop.example.com" },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("https://shop.example.com/thanks");
    expect(res.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
    const [row] = await h.owner<{ raw_payload: Record<string, unknown> }[]>`select raw_payload from leads where email = 'form@example.com'`;
    expect(row!.raw_payload.api_key).toBeUndefined();
    const evil = new URLSearchParams({ api_key: org.sourceKey, email: "form2@example.com", _redirect: "https://evil.example/x" });
    const res2 = await h.call("POST", "/api/v1/leads/ingest", { body: evil.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(res2.status).toBe(201);
  });

  it("answers CORS preflights for a configured origin only, and refuses posts from other origins", async () => {
    const pre = (origin: string) =>
      h.call("OPTIONS", "/api/v1/leads/ingest", {
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-api-key" },
      });
    const ok = await pre("https://shop.example.com");
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
    expect(ok.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("x-api-key");
    const bad = await pre("https://evil.example");
    expect(bad.headers.get("access-control-allow-origin")).toBeNull();
    const post = await ingest(h, org.sourceKey, { email: "cors@example.com" }, { origin: "https://evil.example" });
    await expectProblem(post, 403);
    expect(post.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses missing, unknown and revoked keys, and workspace API keys", async () => {
    await expectProblem(await h.call("POST", "/api/v1/leads/ingest", { body: { email: "a@example.com" } }), 401);
    await expectProblem(await ingest(h, "nhood_lk_live_nope", { email: "a@example.com" }), 401);
    await expectProblem(await ingest(h, org.ws.apiKey, { email: "a@example.com" }), 401);
    const other = await h.call("POST", `/api/v1/workspaces/${org.ws.workspaceId}/lead-sources`, {
      token: org.owner,
      body: { client_id: org.clientId, name: "to revoke" },
    });
    const { key, id } = (await other.json()) as { key: string; id: string };
    expect((await ingest(h, key, { email: "before@example.com" })).status).toBe(201);
    expect((await h.call("DELETE", `/api/v1/workspaces/${org.ws.workspaceId}/lead-sources/${id}`, { token: org.owner })).status).toBe(204);
    await expectProblem(await ingest(h, key, { email: "after@example.com" }), 401);
  });

  it("scopes a key to its CRM client's products", async () => {
    const p = await expectProblem(await ingest(h, org.sourceKey, { email: "p@example.com", product_id: "00000000-0000-4000-8000-000000000000" }), 400);
    expect(pointers(p)).toEqual(["#/product_id"]);
  });

  it("rate-limits each key (429 with Retry-After)", async () => {
    process.env.LEAD_INGEST_RATE_LIMIT = "3";
    const h2 = await openHarness({ sameDatabaseAs: h });
    try {
      const src = await h2.call("POST", `/api/v1/workspaces/${org.ws.workspaceId}/lead-sources`, {
        token: org.owner,
        body: { client_id: org.clientId, name: "limited" },
      });
      const { key } = (await src.json()) as { key: string };
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await ingest(h2, key, { email: `rl${i}@example.com` })).status);
      expect(statuses).toEqual([201, 201, 201]);
      const limited = await ingest(h2, key, { email: "rl-last@example.com" });
      const p = await expectProblem(limited, 429);
      expect(p.type).toMatch(/too-many-requests/);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      process.env.LEAD_INGEST_RATE_LIMIT = "1000";
      await h2.close();
    }
  });
});
