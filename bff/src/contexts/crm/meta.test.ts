import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem } from "../../testing/fixtures";
import { metaSignature } from "./meta-webhook";
import { salesOrg, type SalesOrg } from "../../testing/sales-org";

/** A local Graph API answering `GET /{leadgen_id}` like Meta's Lead Ads "Retrieving Leads", and `GET /me` with the page. */
let graph: Server;
const graphCalls: { path: string; auth: string | undefined }[] = [];
let h: Harness;
let org: SalesOrg;
const APP_SECRET = "meta-app-secret-for-tests";
const PAGE_ID = "1029384756";

beforeAll(async () => {
  graph = createServer((req, res) => {
    graphCalls.push({ path: req.url ?? "", auth: req.headers.authorization });
    const id = (req.url ?? "").split("/").pop()!.split("?")[0]!;
    if (req.headers.authorization !== "Bearer page-token-123") {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Invalid OAuth access token.", type: "OAuthException", code: 190 } }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    // a page token's own GET /me answers its page (proves the page when it is mapped)
    if (id === "me") return void res.end(JSON.stringify({ id: PAGE_ID, name: "Test Page" }));
    res.end(
      JSON.stringify({
        created_time: "2026-11-21T10:00:00+0000",
        id,
        ad_id: "6045",
        form_id: "555",
        field_data: [
          { name: "full_name", values: ["Grace Hopper"] },
          { name: "email", values: ["Grace@Navy.MIL"] },
          { name: "phone_number", values: ["+1 202 555 0143"] },
          { name: "budget", values: ["50k"] },
        ],
      }),
    );
  });
  await new Promise<void>((r) => graph.listen(0, "127.0.0.1", r));
  process.env.META_GRAPH_BASE_URL = `http://127.0.0.1:${(graph.address() as { port: number }).port}/v21.0`;
  h = await openHarness();
  org = await salesOrg(h, "meta");
  const base = `/api/v1/workspaces/${org.ws.workspaceId}`;
  expect(
    (await h.call("PUT", `${base}/meta-settings`, { token: org.owner, body: { app_secret: APP_SECRET, page_access_token: "page-token-123" } })).status,
  ).toBe(200);
  expect((await h.call("POST", `${base}/meta-settings/forms`, { token: org.owner, body: { page_id: PAGE_ID, client_id: org.clientId } })).status).toBe(201);
});
afterAll(async () => {
  await h.close();
  await new Promise((r) => graph.close(r));
});

const notification = (leadgenId: string, pageId = PAGE_ID) =>
  JSON.stringify({
    object: "page",
    entry: [
      {
        id: pageId,
        time: 1732180000,
        changes: [
          { field: "leadgen", value: { ad_id: "6045", form_id: "555", leadgen_id: leadgenId, created_time: 1732180000, page_id: pageId, adgroup_id: "1" } },
        ],
      },
    ],
  });
const post = (raw: string, signature?: string) =>
  h.call("POST", "/webhooks/meta", { body: raw, headers: { "content-type": "application/json", ...(signature ? { "x-hub-signature-256": signature } : {}) } });

describe("the Meta lead-ads webhook", () => {
  it("answers the verify-token handshake with the challenge, and 403 for a wrong token", async () => {
    const settings = (await (await h.call("GET", `/api/v1/workspaces/${org.ws.workspaceId}/meta-settings`, { token: org.owner })).json()) as {
      verify_token: string;
      app_secret_set: boolean;
    };
    expect(settings.app_secret_set).toBe(true);
    const ok = await h.call("GET", `/webhooks/meta?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(settings.verify_token)}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    await expectProblem(await h.call("GET", "/webhooks/meta?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1"), 403);
  });

  it("refuses a missing (401) or wrong (403) signature and stores nothing", async () => {
    const raw = notification("900001");
    await expectProblem(await post(raw), 401);
    await expectProblem(await post(raw, metaSignature(raw, "not-the-secret")), 403);
    await expectProblem(await post(raw.replace("900001", "900002"), metaSignature(raw, APP_SECRET)), 403);
    await h.runJobs();
    const rows = await h.owner`select 1 from leads where lead_reference_id in ('900001', '900002')`;
    expect(rows).toHaveLength(0);
  });

  it("fetches each leadgen_id from the Graph API once, across Meta's retries", async () => {
    const raw = notification("900100");
    const sig = metaSignature(raw, APP_SECRET);
    for (let i = 0; i < 3; i++) {
      const res = await post(raw, sig);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ accepted: 1, ignored: 0 });
    }
    await h.runJobs();
    expect((await post(raw, sig)).status).toBe(200);
    await h.runJobs();
    const rows = await h.owner<
      { id: string; name: string; email: string; phone: string; source: string; crm_client_id: string; raw_payload: { field_data: unknown[] } }[]
    >`
      select * from leads where lead_reference_id = '900100'`;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: "Grace Hopper",
      email: "grace@navy.mil",
      phone: "+12025550143",
      source: "meta_lead_ads",
      crm_client_id: org.clientId,
    });
    expect(rows[0]!.raw_payload.field_data).toHaveLength(4);
    expect(graphCalls.filter((c) => c.path.endsWith("/900100"))).toHaveLength(1);
    const [ev] = await h.owner<{ n: number }[]>`select count(*)::int as n from domain_events where type = 'lead.created' and subject_id = ${rows[0]!.id}`;
    expect(ev!.n).toBe(1);
  });

  it("ignores an unknown page, but still needs a signature it can verify", async () => {
    const raw = notification("900200", "5555555");
    await expectProblem(await post(raw, metaSignature(raw, APP_SECRET)), 403);
    process.env.META_APP_SECRET = "platform-secret";
    try {
      const res = await post(raw, metaSignature(raw, "platform-secret"));
      expect(await res.json()).toEqual({ accepted: 0, ignored: 1 });
    } finally {
      delete process.env.META_APP_SECRET;
    }
  });

  it("refuses a body that is not a page notification with 400", async () => {
    const raw = JSON.stringify({ object: "instagram", entry: [] });
    await expectProblem(await post(raw, metaSignature(raw, APP_SECRET)), 400);
    await expectProblem(await post("{nope", "sha256=00"), 400);
  });
});
