/**
 * Custom domains (seed 003 §12.1): an admin sets one in the branding settings when the plan has
 * `custom_domain`; it is a validated host name, unique across workspaces (409); once proven (a DNS
 * TXT record, answered here by a local DNS server; decision 034) a request whose Host is that name
 * gets the workspace's branding from `GET /api/v1/branding` and a branded index.html, before anyone
 * signs in. The proof itself is tested from the other workspace's side in
 * hardening/external-claims.test.ts.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers } from "../../testing/fixtures";
import { workspaceOnPlan } from "../../testing/notifications";
import { brandIndexHtml, staticRoutes } from "../../static";
import { repoRoot } from "../../config";
import { startDnsServer, type TestDnsServer } from "../../testing/dns-server";

let h: Harness;
let dnsServer: TestDnsServer;
let acmeOwner: string;
const tag = `${process.pid}-${Date.now().toString(36)}`;
const acmeDomain = `portal-${tag}.acme-brand.test`;

beforeAll(async () => {
  dnsServer = await startDnsServer();
  dnsServer.useFor();
  h = await openHarness();
  acmeOwner = await h.signIn("owner@acme.test");
});
afterAll(async () => {
  await h.close();
  await dnsServer.close();
});

const brandingPath = (ws: string) => `/api/v1/workspaces/${ws}/branding`;
const put = (token: string, ws: string, body: unknown) => h.call("PUT", brandingPath(ws), { token, body });
const onHost = (host: string, path = "/api/v1/branding") => h.call("GET", path, { headers: { host } });

/** Publishes the workspace's TXT record on the local DNS server and has the suite check it. */
async function prove(token: string, ws: string): Promise<void> {
  const settings = (await (await h.call("GET", brandingPath(ws), { token })).json()) as { custom_domain_verification: { txt_name: string; txt_value: string } };
  dnsServer.txt.set(settings.custom_domain_verification.txt_name, [[settings.custom_domain_verification.txt_value]]);
  const res = await h.call("POST", `${brandingPath(ws)}/custom-domain/verify`, { token });
  expect(res.status).toBe(200);
}

describe("setting a custom domain", () => {
  it("lets an owner on a plan with custom_domain set one, normalised, and shows it in the settings", async () => {
    const res = await put(acmeOwner, h.acmeId, { custom_domain: ` ${acmeDomain.toUpperCase()}. ` });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ custom_domain: acmeDomain, custom_domain_allowed: true, display_name: "Acme" });
    const [row] = await h.owner<{ custom_domain: string }[]>`select custom_domain from branding where workspace_id = ${h.acmeId}`;
    expect(row!.custom_domain).toBe(acmeDomain);
    const read = await h.call("GET", brandingPath(h.acmeId), { token: await h.signIn("rep1@acme.test") });
    expect(await read.json()).toMatchObject({ custom_domain: acmeDomain, custom_domain_allowed: true, custom_domain_verification: { status: "pending" } });
    // pending: not served yet, neither the API nor the shell
    await expectProblem(await onHost(acmeDomain), 404);
    await prove(acmeOwner, h.acmeId);
  });

  it("lets only owners and admins ask for the check", async () => {
    const dev = await h.signIn("dev@acme.test");
    await expectProblem(await h.call("POST", `${brandingPath(h.acmeId)}/custom-domain/verify`, { token: dev }), 403);
  });

  it("refuses it on a plan without custom_domain with 403 naming the field, and says so in the settings", async () => {
    const globex = await h.signIn("owner@globex.test");
    const p = await expectProblem(await put(globex, h.globexId, { custom_domain: `globex-${tag}.example.test`, display_name: "Globex Renamed" }), 403);
    expect(p.type).toMatch(/plan-upgrade-required$/);
    expect(pointers(p)).toEqual(["#/custom_domain"]);
    const now = (await (await h.call("GET", brandingPath(h.globexId), { token: globex })).json()) as Record<string, unknown>;
    expect(now).toMatchObject({ custom_domain: null, custom_domain_allowed: false, display_name: "Globex" });
    // clearing is always allowed
    expect((await put(globex, h.globexId, { custom_domain: null })).status).toBe(200);
  });

  it("refuses a domain another workspace uses with 409 and keeps both as they were", async () => {
    const other = await workspaceOnPlan(h, "professional", "Brand Rival");
    const p = await expectProblem(await put(other.token, other.workspaceId, { custom_domain: acmeDomain, primary_color: "#111111" }), 409);
    expect(pointers(p)).toEqual(["#/custom_domain"]);
    const [mine] = await h.owner<
      { custom_domain: string | null; primary_color: string }[]
    >`select custom_domain, primary_color from branding where workspace_id = ${other.workspaceId}`;
    expect(mine).toEqual({ custom_domain: null, primary_color: "#4f46e5" });
    expect((await onHost(acmeDomain).then((r) => r.json())) as Record<string, unknown>).toMatchObject({ display_name: "Acme" });
    // a free one works, and Acme setting its own domain again is no conflict
    expect((await put(other.token, other.workspaceId, { custom_domain: `rival-${tag}.example.test` })).status).toBe(200);
    expect((await put(acmeOwner, h.acmeId, { custom_domain: acmeDomain })).status).toBe(200);
  });

  it("refuses what is not a host name with 400 on #/custom_domain, and the platform's own host with 409", async () => {
    for (const custom_domain of ["https://acme.example", "acme.example:8443", "acme.example/portal", "localhost", "10.1.2.3", "", "-x.example", 42]) {
      const p = await expectProblem(await put(acmeOwner, h.acmeId, { custom_domain }), 400);
      expect(pointers(p)).toEqual(["#/custom_domain"]);
    }
    const before = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = "https://app.neighbourhood.example";
    try {
      const p = await expectProblem(await put(acmeOwner, h.acmeId, { custom_domain: "app.neighbourhood.example" }), 409);
      expect(pointers(p)).toEqual(["#/custom_domain"]);
    } finally {
      if (before === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = before;
    }
    const [row] = await h.owner<{ custom_domain: string }[]>`select custom_domain from branding where workspace_id = ${h.acmeId}`;
    expect(row!.custom_domain).toBe(acmeDomain);
  });

  it("is changed only by owners and admins", async () => {
    const dev = await h.signIn("dev@acme.test");
    await expectProblem(await put(dev, h.acmeId, { custom_domain: `dev-${tag}.example.test` }), 403);
  });
});

describe("migration 0039 and the domains set before proofs existed", () => {
  it("grandfathers each as verified (`grandfathered`, with a token to prove it later) and prints how many", async () => {
    const migration = fs.readFileSync(path.join(repoRoot, "bff/src/db/migrations/0039_tenancy_custom_domain_proof.sql"), "utf8");
    const grandfather = migration.split("--> statement-breakpoint").find((s) => s.includes("'grandfathered'") && s.includes("DO $$"))!;
    const ws = await workspaceOnPlan(h, "professional", "Old Domain Co");
    const old = `old-${tag}.example.test`;
    const notices: string[] = [];
    const owner = postgres(h.ownerUrl, { max: 1, onnotice: (n) => notices.push(String(n.message)) });
    let row: Record<string, unknown> | undefined;
    try {
      await owner
        .begin(async (tx) => {
          // the row as it was before 0039: a domain with none of the proof columns
          await tx`alter table branding drop constraint branding_custom_domain_claim_check`;
          await tx`update branding set custom_domain = null, custom_domain_token = null, custom_domain_claimed_at = null, custom_domain_verified_at = null, custom_domain_verified_by = null`;
          await tx`update branding set custom_domain = ${old} where workspace_id = ${ws.workspaceId}`;
          await tx.unsafe(grandfather);
          [row] =
            await tx`select custom_domain_verified_by, custom_domain_verified_at is not null as verified, custom_domain_token, custom_domain_claimed_at is not null as claimed
            from branding where workspace_id = ${ws.workspaceId}`;
          throw new Error("roll back");
        })
        .catch((e: Error) => {
          if (e.message !== "roll back") throw e;
        });
    } finally {
      await owner.end();
    }
    expect(row).toMatchObject({ custom_domain_verified_by: "grandfathered", verified: true, claimed: true });
    expect(row!.custom_domain_token).toMatch(/^[0-9a-f]{64}$/);
    expect(notices).toEqual(["custom domains: 1 existing domain(s) grandfathered as verified (custom_domain_verified_by = grandfathered)"]);
  });
});

describe("a request on the custom domain", () => {
  it("gets the workspace's branding anonymously; any other host gets 404", async () => {
    const res = await onHost(acmeDomain);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ display_name: "Acme", logo_url: "/brand/acme-logo.svg", primary_color: "#0f766e", custom_domain: acmeDomain });
    // the port and letter case of the Host header do not matter
    expect((await onHost(`${acmeDomain.toUpperCase()}:8443`)).status).toBe(200);
    for (const host of ["localhost", "127.0.0.1", `unknown-${tag}.example.test`, `x.${acmeDomain}`]) {
      await expectProblem(await onHost(host), 404);
    }
  });

  it("stops being branded when the workspace is suspended or its plan loses custom_domain", async () => {
    const ws = await workspaceOnPlan(h, "professional", "Downgraded Co");
    const domain = `down-${tag}.example.test`;
    expect((await put(ws.token, ws.workspaceId, { custom_domain: domain, display_name: "Downgraded" })).status).toBe(200);
    await prove(ws.token, ws.workspaceId);
    expect((await onHost(domain)).status).toBe(200);
    await h.owner`update workspaces set status = 'suspended' where id = ${ws.workspaceId}`;
    await expectProblem(await onHost(domain), 404);
    await h.owner`update workspaces set status = 'active', plan = 'starter' where id = ${ws.workspaceId}`;
    await expectProblem(await onHost(domain), 404);
    await h.owner`update workspaces set plan = 'professional' where id = ${ws.workspaceId}`;
    expect((await onHost(domain)).status).toBe(200);
    // removing the domain frees it at once
    expect((await put(ws.token, ws.workspaceId, { custom_domain: null })).status).toBe(200);
    await expectProblem(await onHost(domain), 404);
  });

  it("serves the shell's index.html with the workspace's title, icon, colour and branding JSON", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nh-shell-"));
    try {
      fs.copyFileSync(path.join(repoRoot, "apps/shell/public/index.html"), path.join(dir, "index.html"));
      const app = staticRoutes(h.handles.db, dir);
      const branded = await app.request("/project/inbox", { headers: { host: acmeDomain } });
      expect(branded.status).toBe(200);
      expect(branded.headers.get("cache-control")).toBe("no-cache");
      const html = await branded.text();
      expect(html).toContain("<title>Acme</title>");
      expect(html).toContain('<link rel="icon" href="/brand/acme-logo.svg"');
      expect(html).toContain('<meta name="theme-color" content="#0f766e" />');
      const json = /<script id="nh-host-branding" type="application\/json">(.*?)<\/script>/.exec(html)?.[1];
      expect(JSON.parse(json!)).toEqual({ display_name: "Acme", logo_url: "/brand/acme-logo.svg", primary_color: "#0f766e", custom_domain: acmeDomain });
      const plain = await (await app.request("/", { headers: { host: "localhost:8080" } })).text();
      expect(plain).toContain("<title>NeighbourHood</title>");
      expect(plain).not.toContain("nh-host-branding");
      // a domain still pending is served as any unknown host
      const pending = await workspaceOnPlan(h, "professional", "Pending Co");
      const pendingDomain = `pending-${tag}.example.test`;
      expect((await put(pending.token, pending.workspaceId, { custom_domain: pendingDomain })).status).toBe(200);
      const unproven = await (await app.request("/", { headers: { host: pendingDomain } })).text();
      expect(unproven).toContain("<title>NeighbourHood</title>");
      expect(unproven).not.toContain("nh-host-branding");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("escapes a hostile workspace name in the page", () => {
    const html = fs.readFileSync(path.join(repoRoot, "apps/shell/public/index.html"), "utf8");
    const out = brandIndexHtml(html, {
      display_name: `</title></script><script>alert(1)</script> $& co`,
      logo_url: `x" onerror="alert(1)`,
      primary_color: "#0f766e",
      custom_domain: "a.example",
    });
    expect(out).not.toContain("<script>alert(1)");
    expect(out).not.toContain('" onerror="');
    expect(out).toContain("<title>&#60;/title&#62;&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62; $&#38; co</title>");
    const json = /<script id="nh-host-branding" type="application\/json">(.*?)<\/script>/s.exec(out)![1]!;
    expect(JSON.parse(json).display_name).toBe(`</title></script><script>alert(1)</script> $& co`);
  });
});
