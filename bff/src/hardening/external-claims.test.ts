/**
 * Issue 18 part 1 (decision 034): every external identifier that routes inbound traffic to a
 * workspace is claimed once, tested from the other workspace's side. The Meta attack of the
 * issue first: workspace B maps workspace A's page and form (was 201, after which A's own signed
 * lead notifications were refused with 403 because B's form mapping won). The Graph API is a
 * local server speaking Graph's format: `GET /me` with a page token answers that page.
 */
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../testing/harness";
import { expectProblem, pointers, signUpWorkspace, waitForAudit, type FreshWorkspace } from "../testing/fixtures";
import { salesOrg, ingest, type SalesOrg } from "../testing/sales-org";
import { workspaceOnPlan } from "../testing/notifications";
import { startDnsServer, type TestDnsServer } from "../testing/dns-server";

const PAGE_A = "410000000000001";
const FORM_A = "777000000000001";
const PAGE_B = "420000000000002";
const SECRET_A = "app-secret-of-workspace-a";
const SECRET_B = "app-secret-of-workspace-b";
const PAGE_TOKENS: Record<string, { id: string; name: string }> = {
  "Bearer page-token-a": { id: PAGE_A, name: "Acme Homes" },
  "Bearer page-token-b": { id: PAGE_B, name: "Rival Homes" },
};

let graph: Server;
let h: Harness;
let a: SalesOrg;
let b: SalesOrg;

beforeAll(async () => {
  graph = createServer((req, res) => {
    const page = PAGE_TOKENS[req.headers.authorization ?? ""];
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (!page) return json(400, { error: { message: "Invalid OAuth access token.", type: "OAuthException", code: 190, fbtrace_id: "AbC" } });
    const url = new URL(req.url ?? "/", "http://graph.local");
    if (url.pathname.endsWith("/me")) return json(200, page);
    const id = url.pathname.split("/").pop()!;
    return json(200, {
      created_time: "2026-12-07T10:00:00+0000",
      id,
      form_id: FORM_A,
      field_data: [
        { name: "full_name", values: ["Ada Lovelace"] },
        { name: "email", values: ["ada@example.com"] },
      ],
    });
  });
  await new Promise<void>((r) => graph.listen(0, "127.0.0.1", r));
  process.env.META_GRAPH_BASE_URL = `http://127.0.0.1:${(graph.address() as { port: number }).port}/v21.0`;
  h = await openHarness();
  a = await salesOrg(h, "claims-a");
  b = await salesOrg(h, "claims-b");
  for (const [org, body] of [
    [a, { app_secret: SECRET_A, page_access_token: "page-token-a" }],
    [b, { app_secret: SECRET_B }],
  ] as const) {
    expect((await h.call("PUT", `/api/v1/workspaces/${org.ws.workspaceId}/meta-settings`, { token: org.owner, body })).status).toBe(200);
  }
});
afterAll(async () => {
  await h.close();
  await new Promise((r) => graph.close(r));
});

/** Meta's `X-Hub-Signature-256` (hex HMAC-SHA256 of the raw body with the app secret), made here as Meta would. */
const metaSignature = (raw: string, secret: string) => `sha256=${createHmac("sha256", secret).update(raw, "utf8").digest("hex")}`;
const mapForm = (org: SalesOrg, body: Record<string, unknown>) =>
  h.call("POST", `/api/v1/workspaces/${org.ws.workspaceId}/meta-settings/forms`, { token: org.owner, body: { client_id: org.clientId, ...body } });
const notification = (leadgenId: string, pageId = PAGE_A, formId = FORM_A) =>
  JSON.stringify({
    object: "page",
    entry: [
      {
        id: pageId,
        time: 1765100000,
        changes: [{ field: "leadgen", value: { leadgen_id: leadgenId, page_id: pageId, form_id: formId, created_time: 1765100000 } }],
      },
    ],
  });
const postMeta = (raw: string, secret: string) =>
  h.call("POST", "/webhooks/meta", { body: raw, headers: { "content-type": "application/json", "x-hub-signature-256": metaSignature(raw, secret) } });

describe("a Meta page and form, from the other workspace's side", () => {
  it("A claims its page, proven by its page token's own GET /me", async () => {
    expect((await mapForm(a, { page_id: PAGE_A })).status).toBe(201);
    const [row] = await h.owner<{ workspace_id: string; proven: boolean }[]>`
      select workspace_id, proven_at is not null as proven from meta_pages where page_id = ${PAGE_A}`;
    expect(row).toEqual({ workspace_id: a.ws.workspaceId, proven: true });
  });

  it("the issue's attack: B mapping A's page and form is a 409 with an audit row, and A's own leads still arrive", async () => {
    const p = await expectProblem(await mapForm(b, { page_id: PAGE_A, form_id: FORM_A }), 409);
    expect(p.type).toMatch(/external-id-claimed$/);
    expect(pointers(p)).toEqual(["#/page_id"]);
    expect(p.detail).not.toContain(a.ws.workspaceId);
    const audit = await waitForAudit(h, "external_id.claim_refused");
    expect(audit.find((r) => r.workspace_id === b.ws.workspaceId)?.detail).toEqual({ kind: "meta_form", value: `${PAGE_A}/${FORM_A}` });
    // A's notification for that form, signed with A's app secret, is accepted and lands in A's CRM client
    const raw = notification("5550001");
    const res = await postMeta(raw, SECRET_A);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1, ignored: 0 });
    await h.runJobs();
    const leads = await h.owner<{ workspace_id: string; crm_client_id: string }[]>`
      select workspace_id, crm_client_id from leads where lead_reference_id = '5550001'`;
    expect(leads).toEqual([{ workspace_id: a.ws.workspaceId, crm_client_id: a.clientId }]);
  });

  it("B claiming A's whole page is a 409 too, and B's signature on A's page is refused", async () => {
    const p = await expectProblem(await mapForm(b, { page_id: PAGE_A }), 409);
    expect(p.type).toMatch(/external-id-claimed$/);
    const rows = await h.owner`select 1 from meta_lead_forms where workspace_id = ${b.ws.workspaceId}`;
    expect(rows).toHaveLength(0);
    await expectProblem(await postMeta(notification("5550002"), SECRET_B), 403);
  });

  it("a page token of another page does not prove the page: 422 meta-page-not-proven, nothing claimed", async () => {
    const c = await salesOrg(h, "claims-c");
    await h.call("PUT", `/api/v1/workspaces/${c.ws.workspaceId}/meta-settings`, { token: c.owner, body: { page_access_token: "page-token-b" } });
    const p = await expectProblem(await mapForm(c, { page_id: "430000000000003" }), 422);
    expect(p.type).toMatch(/meta-page-not-proven$/);
    expect(pointers(p)).toEqual(["#/page_id"]);
    expect(await h.owner`select 1 from meta_pages where page_id = '430000000000003'`).toHaveLength(0);
  });

  it("mapping the same page and form twice in one workspace is a plain 409 on the form", async () => {
    expect((await mapForm(a, { page_id: PAGE_A, form_id: FORM_A })).status).toBe(201);
    const p = await expectProblem(await mapForm(a, { page_id: PAGE_A, form_id: FORM_A }), 409);
    expect(p.type).toMatch(/conflict$/);
    expect(pointers(p)).toEqual(["#/form_id"]);
  });

  it("the claim is released with A's last mapping, and then B may claim the page", async () => {
    const forms = (await (await h.call("GET", `/api/v1/workspaces/${a.ws.workspaceId}/meta-settings`, { token: a.owner })).json()) as {
      forms: { id: string }[];
    };
    for (const f of forms.forms)
      expect((await h.call("DELETE", `/api/v1/workspaces/${a.ws.workspaceId}/meta-settings/forms/${f.id}`, { token: a.owner })).status).toBe(204);
    expect(await h.owner`select 1 from meta_pages where page_id = ${PAGE_A}`).toHaveLength(0);
    expect((await mapForm(b, { page_id: PAGE_A })).status).toBe(201);
    const [row] = await h.owner<{ workspace_id: string; proven: boolean }[]>`
      select workspace_id, proven_at is not null as proven from meta_pages where page_id = ${PAGE_A}`;
    expect(row).toEqual({ workspace_id: b.ws.workspaceId, proven: false });
  });
});

describe("a custom domain, from the other workspace's side", () => {
  // a real resolver on the wire: a local UDP DNS server answers the TXT records the test publishes
  let dnsServer: TestDnsServer;
  // the "domain's web server" for the HTTP-token proof (the suite is pointed at it by the test-only NH_DOMAIN_PROOF_HTTP_BASE)
  let web: Server;
  const served = new Map<string, string>();
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const domain = `portal-${tag}.claims.test`;
  let first: FreshWorkspace & { token: string };
  let second: FreshWorkspace & { token: string };
  beforeAll(async () => {
    dnsServer = await startDnsServer();
    dnsServer.useFor();
    web = createServer((req, res) => {
      const body = served.get(req.url ?? "");
      res.writeHead(body === undefined ? 404 : 200, { "content-type": "text/plain" });
      res.end(body ?? "not found");
    });
    await new Promise<void>((r) => web.listen(0, "127.0.0.1", r));
    first = await workspaceOnPlan(h, "professional", "Domain First");
    second = await workspaceOnPlan(h, "professional", "Domain Second");
  });
  afterAll(async () => {
    await dnsServer.close();
    await new Promise((r) => web.close(r));
    delete process.env.NH_DOMAIN_PROOF_HTTP_BASE;
  });
  type Settings = { custom_domain: string | null; custom_domain_verification: Record<string, string | null> | null };
  const claim = (w: { workspaceId: string; token: string }, custom_domain: string | null) =>
    h.call("PUT", `/api/v1/workspaces/${w.workspaceId}/branding`, { token: w.token, body: { custom_domain } });
  const verify = (w: { workspaceId: string; token: string }) =>
    h.call("POST", `/api/v1/workspaces/${w.workspaceId}/branding/custom-domain/verify`, { token: w.token });
  const onHost = (host: string) => h.call("GET", "/api/v1/branding", { headers: { host } });

  it("A's new domain is pending with a token to publish, and is not served: the host answers as an unknown one", async () => {
    const res = await claim(first, domain);
    expect(res.status).toBe(200);
    const v = ((await res.json()) as Settings).custom_domain_verification!;
    expect(v).toMatchObject({ status: "pending", verified_by: null, verified_at: null, txt_name: `_nhood-verify.${domain}` });
    expect(v.txt_value).toBe(`nhood-verify=${v.http_body}`);
    expect(v.http_body).toMatch(/^[0-9a-f]{32}$/);
    expect(v.http_url).toBe(`http://${domain}/.well-known/nhood-domain-verification`);
    expect(Date.parse(v.takeover_after!) - Date.parse(v.claimed_at!)).toBe(7 * 86_400_000);
    await expectProblem(await onHost(domain), 404);
    // setting the same domain again keeps its token
    const again = (await (await claim(first, domain)).json()) as Settings;
    expect(again.custom_domain_verification!.http_body).toBe(v.http_body);
  });

  it("B claiming A's pending domain is a 409 external-id-claimed with an audit row in B's log; A keeps its claim", async () => {
    const p = await expectProblem(await claim(second, domain), 409);
    expect(p.type).toMatch(/external-id-claimed$/);
    expect(pointers(p)).toEqual(["#/custom_domain"]);
    expect(p.detail).not.toContain(first.workspaceId);
    const audit = await waitForAudit(h, "external_id.claim_refused");
    expect(audit.find((r) => r.workspace_id === second.workspaceId)?.detail).toEqual({ kind: "custom_domain", value: domain });
    const [row] = await h.owner<{ workspace_id: string }[]>`select workspace_id from branding where custom_domain = ${domain}`;
    expect(row!.workspace_id).toBe(first.workspaceId);
  });

  it("no TXT record, or a TXT record with another token (B's, say), is a 422 naming #/custom_domain; still not served", async () => {
    const missing = await expectProblem(await verify(first), 422);
    expect(missing.type).toMatch(/custom-domain-not-proven$/);
    expect(pointers(missing)).toEqual(["#/custom_domain", "#/custom_domain"]);
    expect(missing.errors!.map((e) => e.detail)).toEqual([
      `DNS: no TXT record at _nhood-verify.${domain}`,
      expect.stringMatching(/^HTTP: http:\/\/.*\/\.well-known\/nhood-domain-verification could not be fetched/),
    ]);
    dnsServer.txt.set(`_nhood-verify.${domain}`, [["v=spf1 -all"], ["nhood-verify=0123456789abcdef0123456789abcdef"]]);
    const wrong = await expectProblem(await verify(first), 422);
    expect(wrong.errors![0]!.detail).toMatch(/holds another token/);
    await expectProblem(await onHost(domain), 404);
  });

  it("A's TXT record proves it: verified by dns, served on its host; B still cannot claim it", async () => {
    const token = ((await (await h.call("GET", `/api/v1/workspaces/${first.workspaceId}/branding`, { token: first.token })).json()) as Settings)
      .custom_domain_verification!.http_body!;
    // a long record may be split into character-strings; they are one value
    dnsServer.txt.set(`_nhood-verify.${domain}`, [["v=spf1 -all"], ["nhood-verify=", token]]);
    const res = await verify(first);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Settings).custom_domain_verification).toMatchObject({ status: "verified", verified_by: "dns", takeover_after: null });
    const branded = await onHost(domain);
    expect(branded.status).toBe(200);
    expect(((await branded.json()) as { display_name: string }).display_name).toBe("Domain First");
    const [event] = await h.owner<{ workspace_id: string; payload: unknown }[]>`
      select workspace_id, payload from domain_events where type = 'custom_domain.verified' and payload->>'domain' = ${domain}`;
    expect(event).toEqual({ workspace_id: first.workspaceId, payload: { domain, method: "dns" } });
    const p = await expectProblem(await claim(second, domain), 409);
    expect(p.type).toMatch(/external-id-claimed$/);
    // and B's own verify has nothing to prove
    expect(pointers(await expectProblem(await verify(second), 422))).toEqual(["#/custom_domain"]);
  });

  it("a claim pending for more than 7 days no longer blocks the real owner: B's claim releases it (an event in A's log)", async () => {
    const stale = `stale-${tag}.claims.test`;
    const squatter = await workspaceOnPlan(h, "professional", "Domain Squatter");
    expect((await claim(squatter, stale)).status).toBe(200);
    // within the 7 days the claim holds
    expect((await expectProblem(await claim(second, stale), 409)).type).toMatch(/external-id-claimed$/);
    await h.owner`update branding set custom_domain_claimed_at = now() - interval '7 days 1 minute' where workspace_id = ${squatter.workspaceId}`;
    const res = await claim(second, stale);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Settings).custom_domain_verification).toMatchObject({ status: "pending" });
    const rows = await h.owner<{ workspace_id: string; custom_domain: string | null; custom_domain_token: string | null }[]>`
      select workspace_id, custom_domain, custom_domain_token from branding where workspace_id in (${squatter.workspaceId}, ${second.workspaceId}) order by custom_domain nulls first`;
    expect(rows.map((r) => [r.workspace_id, r.custom_domain, r.custom_domain_token === null])).toEqual([
      [squatter.workspaceId, null, true],
      [second.workspaceId, stale, false],
    ]);
    const [event] = await h.owner<{ workspace_id: string; payload: unknown }[]>`
      select workspace_id, payload from domain_events where type = 'custom_domain.claim_expired'`;
    expect(event).toEqual({ workspace_id: squatter.workspaceId, payload: { domain: stale } });
    // a proven domain never expires
    await h.owner`update branding set custom_domain_claimed_at = now() - interval '30 days' where workspace_id = ${first.workspaceId}`;
    expect((await expectProblem(await claim(second, domain), 409)).type).toMatch(/external-id-claimed$/);
  });

  it("the HTTP token proves a domain too, fetched through the SSRF guard (a loopback address is refused unless allow-listed)", async () => {
    const viaHttp = `http-${tag}.claims.test`;
    const owner = await workspaceOnPlan(h, "professional", "Domain By Http");
    const v = ((await (await claim(owner, viaHttp)).json()) as Settings).custom_domain_verification!;
    process.env.NH_DOMAIN_PROOF_HTTP_BASE = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
    served.set("/.well-known/nhood-domain-verification", v.http_body!);
    // the operator's allow-list (testing/notifications.ts sets it for this file) is what lets loopback through
    const allowlist = process.env.NH_OUTBOUND_ALLOWLIST;
    delete process.env.NH_OUTBOUND_ALLOWLIST;
    const blocked = await expectProblem(await verify(owner), 422);
    expect(blocked.errors![1]!.detail).toMatch(/^HTTP: http:\/\/http-.*may not be fetched \(127\.0\.0\.1 is not a public address\)$/);
    expect((await onHost(viaHttp)).status).toBe(404);
    process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1/32";
    try {
      served.set("/.well-known/nhood-domain-verification", "someone-elses-token");
      expect((await expectProblem(await verify(owner), 422)).errors![1]!.detail).toBe(`HTTP: ${v.http_url} does not answer the token`);
      served.set("/.well-known/nhood-domain-verification", `${v.http_body}\n`);
      const res = await verify(owner);
      expect(res.status).toBe(200);
      expect(((await res.json()) as Settings).custom_domain_verification).toMatchObject({ status: "verified", verified_by: "http" });
      expect((await onHost(viaHttp)).status).toBe(200);
    } finally {
      if (allowlist === undefined) delete process.env.NH_OUTBOUND_ALLOWLIST;
      else process.env.NH_OUTBOUND_ALLOWLIST = allowlist;
    }
  });

  it("changing the domain starts a new pending claim with a new token; removing it frees it", async () => {
    const before = ((await (await h.call("GET", `/api/v1/workspaces/${first.workspaceId}/branding`, { token: first.token })).json()) as Settings)
      .custom_domain_verification!.http_body;
    const moved = `moved-${tag}.claims.test`;
    const v = ((await (await claim(first, moved)).json()) as Settings).custom_domain_verification!;
    expect(v.status).toBe("pending");
    expect(v.http_body).not.toBe(before);
    await expectProblem(await onHost(domain), 404);
    expect((await claim(first, null)).status).toBe(200);
    expect(((await (await claim(second, moved)).json()) as Settings).custom_domain).toBe(moved);
  });
});

describe("a lead-source key, from the other workspace's side", () => {
  it("is minted by the platform (256 random bits, unique hash), so B cannot choose A's; A's key files leads only for A", async () => {
    const [{ n }] = (await h.owner`select count(*)::int as n from lead_sources where key_hash = encode(sha256(${a.sourceKey}::bytea), 'hex')`) as [
      { n: number },
    ];
    expect(n).toBe(1);
    const res = await ingest(h, a.sourceKey, { name: "Grace", email: "grace@example.com" }, { origin: "https://shop.example.com" });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [lead] = await h.owner<{ workspace_id: string }[]>`select workspace_id from leads where id = ${id}`;
    expect(lead!.workspace_id).toBe(a.ws.workspaceId);
    // B's owner cannot see or revoke A's source
    await expectProblem(await h.call("DELETE", `/api/v1/workspaces/${b.ws.workspaceId}/lead-sources/${a.sourceId}`, { token: b.owner }), 404);
  });

  it("B naming A's key (or its hash) when creating a source gets a fresh key of its own; A's key still files leads for A", async () => {
    const res = await h.call("POST", `/api/v1/workspaces/${b.ws.workspaceId}/lead-sources`, {
      token: b.owner,
      body: { client_id: b.clientId, name: "Squat", key: a.sourceKey, key_hash: "x".repeat(64) },
    });
    expect(res.status).toBe(201);
    const { key } = (await res.json()) as { key: string };
    expect(key).toMatch(/^nhood_lk_live_/);
    expect(key).not.toBe(a.sourceKey);
    const [{ n }] = (await h.owner`select count(*)::int as n from lead_sources where key_hash = encode(sha256(${a.sourceKey}::bytea), 'hex')`) as [
      { n: number },
    ];
    expect(n).toBe(1);
    const filed = await ingest(h, a.sourceKey, { name: "Ada", email: "ada.claims@example.com" }, { origin: "https://shop.example.com" });
    expect(filed.status).toBe(201);
    const [lead] = await h.owner<{ workspace_id: string }[]>`select workspace_id from leads where id = ${((await filed.json()) as { id: string }).id}`;
    expect(lead!.workspace_id).toBe(a.ws.workspaceId);
  });
});

describe("provider webhook ids, from the other workspace's side", () => {
  let x: FreshWorkspace;
  let y: FreshWorkspace;
  beforeAll(async () => {
    x = await signUpWorkspace(h, "Provider X", "prov-x");
    y = await signUpWorkspace(h, "Provider Y", "prov-y");
    for (const [w, secret] of [
      [x, "x-signing-secret-123"],
      [y, "y-signing-secret-456"],
    ] as const) {
      const token = await h.signIn(w.email, w.password);
      for (const provider of ["github", "slack", "stripe"])
        expect(
          (await h.call("PUT", `/api/v1/workspaces/${w.workspaceId}/provider-webhooks/${provider}`, { token, body: { secret: `${provider}-${secret}` } }))
            .status,
        ).toBe(200);
    }
  });
  const receivedBy = async (provider: string, path: string, value: string) =>
    (
      await h.owner<{ workspace_id: string }[]>`
        select workspace_id from domain_events where type = ${`${provider}.webhook_received`} and payload->'body' #>> ${path.split(".")} = ${value}`
    ).map((r) => r.workspace_id);

  it("route by the workspace id in the URL: Y's signature on X's URL is refused, and X's delivery becomes X's event only", async () => {
    const body = JSON.stringify({ installation: { id: 4242 }, action: "created" });
    const sign = (s: string) => `sha256=${createHmac("sha256", `github-${s}`).update(body).digest("hex")}`;
    const to = (w: FreshWorkspace, secret: string) =>
      h.call("POST", `/api/v1/integrations/webhooks/github/${w.workspaceId}`, {
        body,
        headers: { "content-type": "application/json", "x-github-event": "installation", "x-hub-signature-256": sign(secret) },
      });
    await expectProblem(await to(x, "y-signing-secret-456"), 401);
    const ok = await to(x, "x-signing-secret-123");
    expect(ok.status).toBe(202);
    const { event_id } = (await ok.json()) as { event_id: string };
    expect(await receivedBy("github", "installation.id", "4242")).toEqual([x.workspaceId]);
    expect(event_id).toBeTruthy();
  });

  it("a Slack team id in the body routes nothing: Y's signature on X's URL is refused, X's delivery naming Y's team is X's event only", async () => {
    const body = JSON.stringify({ type: "event_callback", team_id: "T0YTEAM", api_app_id: "A0YAPP", event: { type: "app_mention" } });
    const ts = String(Math.floor(Date.now() / 1000));
    const sign = (s: string) => `v0=${createHmac("sha256", `slack-${s}`).update(`v0:${ts}:${body}`).digest("hex")}`;
    const to = (w: FreshWorkspace, secret: string) =>
      h.call("POST", `/api/v1/integrations/webhooks/slack/${w.workspaceId}`, {
        body,
        headers: { "content-type": "application/json", "x-slack-request-timestamp": ts, "x-slack-signature": sign(secret) },
      });
    await expectProblem(await to(x, "y-signing-secret-456"), 401);
    expect((await to(x, "x-signing-secret-123")).status).toBe(202);
    expect(await receivedBy("slack", "team_id", "T0YTEAM")).toEqual([x.workspaceId]);
  });

  it("a Stripe account id in the body routes nothing: Y's signature on X's URL is refused, X's delivery naming Y's account is X's event only", async () => {
    const body = JSON.stringify({ id: "evt_claims_1", object: "event", type: "account.updated", account: "acct_1YACCOUNT", data: { object: {} } });
    const sign = (s: string) => Stripe.webhooks.generateTestHeaderString({ payload: body, secret: `stripe-${s}` });
    const to = (w: FreshWorkspace, secret: string) =>
      h.call("POST", `/api/v1/integrations/webhooks/stripe/${w.workspaceId}`, {
        body,
        headers: { "content-type": "application/json", "stripe-signature": sign(secret) },
      });
    await expectProblem(await to(x, "y-signing-secret-456"), 401);
    expect((await to(x, "x-signing-secret-123")).status).toBe(202);
    expect(await receivedBy("stripe", "account", "acct_1YACCOUNT")).toEqual([x.workspaceId]);
  });
});

describe("webhook trigger paths, from the other workspace's side", () => {
  it("are namespaced by workspace: B using A's path starts B's workflow only on B's URL, never on A's", async () => {
    const wf = async (org: SalesOrg, name: string) => {
      const res = await h.call("POST", `/api/v1/workspaces/${org.ws.workspaceId}/workflows`, {
        token: org.ws.apiKey,
        body: {
          name,
          trigger: { type: "webhook", path: "/new-customer" },
          steps: [{ id: "n", provider: "core", action: "notify", config: { title: "hi", message: "x" } }],
        },
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const wfA = await wf(a, "A hook");
    const wfB = await wf(b, "B hook");
    const fire = async (org: SalesOrg) => {
      const res = await h.call("POST", `/webhooks/${org.ws.workspaceId}/new-customer`, { body: { n: 1 }, headers: { "content-type": "application/json" } });
      expect(res.status).toBe(202);
      const { execution_id } = (await res.json()) as { execution_id: string };
      const [row] = await h.owner<{ workspace_id: string; workflow_id: string }[]>`
        select workspace_id, workflow_id from workflow_executions where id = ${execution_id}`;
      return row;
    };
    expect(await fire(a)).toEqual({ workspace_id: a.ws.workspaceId, workflow_id: wfA });
    expect(await fire(b)).toEqual({ workspace_id: b.ws.workspaceId, workflow_id: wfB });
  });
});
