/**
 * A workspace's own records (issue 16 parts 3–4): `GET/PUT /projects/me`, the branding
 * round-trip, uploaded logos (type sniffed from the bytes, size limit, SVG sanitised, served with
 * safe headers), the workspace's own audit log with filters, pages and CSV export, and the daily
 * usage history. Every boundary is tried from the other workspace's side.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, pointers, signUpWorkspace, waitForAudit, type FreshWorkspace } from "../../testing/fixtures";
import { runRetention } from "../../kernel/retention";
import { flushUsage, recordUsage } from "./usage-history";

let h: Harness;
let a: FreshWorkspace;
let b: FreshWorkspace;
let aOwner: string;
let bOwner: string;

beforeAll(async () => {
  h = await openHarness();
  a = await signUpWorkspace(h, "Records A", "rec-a");
  b = await signUpWorkspace(h, "Records B", "rec-b");
  await h.owner`update users set email_verified_at = now() where email in (${a.email}, ${b.email})`.catch(() => {});
  aOwner = await h.signIn(a.email, a.password);
  bOwner = await h.signIn(b.email, b.password);
});
afterAll(async () => {
  await h.close();
});

/** a 1×1 transparent PNG */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

async function upload(ws: string, token: string, bytes: Buffer, name = "logo.png", type = "image/png"): Promise<Response> {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], name, { type }));
  return await h.app.request(`/api/v1/workspaces/${ws}/branding/logo`, { method: "PUT", headers: { authorization: `Bearer ${token}` }, body: form });
}

describe("GET/PUT /projects/me", () => {
  it("answers the API key's own workspace and changes it, naming a bad field", async () => {
    const me = await h.call("GET", "/api/v1/projects/me", { token: a.apiKey });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { id: string; name: string; plan: string; status: string; branding: { display_name: string } };
    expect(body).toMatchObject({ id: a.workspaceId, name: "Records A", status: "active" });
    expect(body.branding.display_name).toBeTruthy();

    const bad = await expectProblem(await h.call("PUT", "/api/v1/projects/me", { token: a.apiKey, body: { primary_color: "teal" } }), 400);
    expect(pointers(bad)).toEqual(["#/primary_color"]);
    const badLogo = await expectProblem(await h.call("PUT", "/api/v1/projects/me", { token: a.apiKey, body: { logo_url: "javascript:alert(1)" } }), 400);
    expect(pointers(badLogo)).toEqual(["#/logo_url"]);

    const put = await h.call("PUT", "/api/v1/projects/me", {
      token: a.apiKey,
      body: { name: "Records A Ltd", primary_color: "#112233", logo_url: "/brand/acme-logo.svg", billing_email: "billing@records-a.test" },
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({
      name: "Records A Ltd",
      billing_email: "billing@records-a.test",
      branding: { primary_color: "#112233", logo_url: "/brand/acme-logo.svg" },
    });
    // the other workspace's key still sees its own record, unchanged
    expect(await (await h.call("GET", "/api/v1/projects/me", { token: b.apiKey })).json()).toMatchObject({ id: b.workspaceId, name: "Records B" });
    await waitForAudit(h, "workspace.renamed", a.workspaceId);
  });

  it("refuses a logo path of another workspace (here and in PUT …/branding)", async () => {
    const viaBranding = await expectProblem(
      await h.call("PUT", `/api/v1/workspaces/${b.workspaceId}/branding`, {
        token: bOwner,
        body: { logo_url: `/api/v1/logos/${a.workspaceId}/0123456789abcdef.png` },
      }),
      400,
    );
    expect(pointers(viaBranding)).toEqual(["#/logo_url"]);
    const p = await expectProblem(
      await h.call("PUT", "/api/v1/projects/me", { token: b.apiKey, body: { logo_url: `/api/v1/logos/${a.workspaceId}/0123456789abcdef.png` } }),
      400,
    );
    expect(pointers(p)).toEqual(["#/logo_url"]);
  });
});

describe("branding round-trip and uploaded logos", () => {
  it("a GET of the branding can be PUT back unchanged (a relative logo path the suite serves)", async () => {
    const acmeOwner = await h.signIn("owner@acme.test");
    const got = (await (await h.call("GET", `/api/v1/workspaces/${h.acmeId}/branding`, { token: acmeOwner })).json()) as Record<string, unknown>;
    expect(got.logo_url).toBe("/brand/acme-logo.svg");
    const { custom_domain_allowed: _allowed, custom_domain: _domain, ...back } = got;
    const put = await h.call("PUT", `/api/v1/workspaces/${h.acmeId}/branding`, { token: acmeOwner, body: back });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { logo_url: string }).logo_url).toBe("/brand/acme-logo.svg");
  });

  it("stores a PNG (sniffed, whatever its name says) and serves it with its type, long caching and nosniff", async () => {
    const res = await upload(a.workspaceId, aOwner, PNG, "logo.svg", "image/svg+xml");
    expect(res.status).toBe(200);
    const branding = (await res.json()) as { logo_url: string };
    expect(branding.logo_url).toMatch(new RegExp(`^/api/v1/logos/${a.workspaceId}/[0-9a-f]{16}\\.png$`));
    const served = await h.app.request(branding.logo_url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    // the project record names it, and a PUT of it back is accepted
    const me = (await (await h.call("GET", "/api/v1/projects/me", { token: a.apiKey })).json()) as { branding: { logo_url: string } };
    expect(me.branding.logo_url).toBe(branding.logo_url);
    expect((await h.call("PUT", "/api/v1/projects/me", { token: a.apiKey, body: { logo_url: branding.logo_url } })).status).toBe(200);
    await waitForAudit(h, "branding.logo_uploaded", a.workspaceId);
  });

  it("refuses another type (400) and a file over 512 KiB (413), naming #/file", async () => {
    const gif = await expectProblem(await upload(a.workspaceId, aOwner, GIF, "logo.png", "image/png"), 400);
    expect(pointers(gif)).toEqual(["#/file"]);
    const text = await expectProblem(await upload(a.workspaceId, aOwner, Buffer.from("just some text, not an image"), "logo.png"), 400);
    expect(pointers(text)).toEqual(["#/file"]);
    const big = Buffer.concat([PNG, Buffer.alloc(600 * 1024)]);
    const tooBig = await expectProblem(await upload(a.workspaceId, aOwner, big), 413);
    expect(pointers(tooBig)).toEqual(["#/file"]);
  });

  it("sanitises an SVG: scripts, event handlers, external references and styles are gone; served with a restrictive CSP", async () => {
    const svg = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">
  <script>alert(2)</script>
  <style>rect { fill: url(https://evil.example/x.svg#p) }</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#0f766e"/></linearGradient></defs>
  <rect width="10" height="10" fill="url(#g)" onclick="alert(3)"/>
  <circle cx="5" cy="5" r="2" fill="url(https://evil.example/p.svg#x)"/>
  <image href="https://evil.example/track.png" width="1" height="1"/>
  <use xlink:href="https://evil.example/sprite.svg#icon"/>
  <a href="javascript:alert(4)"><text>click</text></a>
  <foreignObject><iframe src="https://evil.example"></iframe></foreignObject>
</svg>`;
    const res = await upload(a.workspaceId, aOwner, Buffer.from(svg), "logo.svg", "image/svg+xml");
    expect(res.status).toBe(200);
    const url = ((await res.json()) as { logo_url: string }).logo_url;
    expect(url).toMatch(/\.svg$/);
    const served = await h.app.request(url);
    expect(served.headers.get("content-type")).toBe("image/svg+xml");
    expect(served.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    const out = await served.text();
    expect(out).toMatch(/^<svg/);
    expect(out).toContain("<rect");
    expect(out).toContain('fill="url(#g)"');
    for (const bad of ["<script", "alert", "onload", "onclick", "<style", "evil.example", "<image", "<foreignObject", "<iframe", "javascript:"]) {
      expect(out.toLowerCase()).not.toContain(bad.toLowerCase());
    }
    // an old name is gone once replaced
    expect((await h.app.request(url.replace(/[0-9a-f]{16}/, "0000000000000000"))).status).toBe(404);
  });

  it("another workspace can neither replace nor remove the logo; a developer cannot either", async () => {
    await expectProblem(await upload(a.workspaceId, bOwner, PNG), 404);
    await expectProblem(await h.call("DELETE", `/api/v1/workspaces/${a.workspaceId}/branding/logo`, { token: bOwner }), 404);
    const dev = await h.signIn("dev@acme.test");
    await expectProblem(await upload(h.acmeId, dev, PNG), 403);
    // B's own logo is its own: uploading it leaves A's served logo as it was
    const aUrl = ((await (await h.call("GET", "/api/v1/projects/me", { token: a.apiKey })).json()) as { branding: { logo_url: string } }).branding.logo_url;
    expect((await upload(b.workspaceId, bOwner, PNG)).status).toBe(200);
    expect((await h.app.request(aUrl)).headers.get("content-type")).toBe("image/svg+xml");
    // B's logo under A's id is not found
    const bUrl = ((await (await h.call("GET", "/api/v1/projects/me", { token: b.apiKey })).json()) as { branding: { logo_url: string } }).branding.logo_url;
    expect((await h.app.request(bUrl.replace(b.workspaceId, a.workspaceId))).status).toBe(404);
  });

  it("removing the logo clears the branding's logo_url", async () => {
    const res = await h.call("DELETE", `/api/v1/workspaces/${b.workspaceId}/branding/logo`, { token: bOwner });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { logo_url: string | null }).logo_url).toBeNull();
    await expectProblem(await h.call("DELETE", `/api/v1/workspaces/${b.workspaceId}/branding/logo`, { token: bOwner }), 404);
  });
});

interface Entry {
  id: string;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  subject_id: string | null;
  occurred_at: string;
}
const auditOf = async (ws: string, token: string, query = ""): Promise<{ items: Entry[]; next_cursor: string | null }> => {
  const res = await h.call("GET", `/api/v1/workspaces/${ws}/audit${query}`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as { items: Entry[]; next_cursor: string | null };
};

describe("the workspace's own audit log", () => {
  it("shows the workspace's sign-ins, branding, billing and project changes, filtered and paged", async () => {
    await waitForAudit(h, "workspace.renamed", a.workspaceId);
    await h.signIn(a.email, a.password);
    const signIns = await waitForAudit(h, "auth.signed_in");
    expect(signIns.some((r) => r.workspace_id === a.workspaceId)).toBe(true);
    const all = await auditOf(a.workspaceId, aOwner, "?limit=200");
    const actions = new Set(all.items.map((e) => e.action));
    for (const expected of ["auth.signed_in", "workspace.renamed", "branding.updated", "branding.logo_uploaded", "workspace.billing_contact_changed"]) {
      expect(actions).toContain(expected);
    }
    const signIn = all.items.find((e) => e.action === "auth.signed_in")!;
    expect(signIn.actor_name).toContain(a.email);

    const branding = await auditOf(a.workspaceId, aOwner, "?action=branding.");
    expect(branding.items.length).toBeGreaterThan(0);
    expect(branding.items.every((e) => e.action.startsWith("branding."))).toBe(true);
    const byActor = await auditOf(a.workspaceId, aOwner, `?actor_id=${signIn.actor_id}`);
    expect(byActor.items.every((e) => e.actor_id === signIn.actor_id)).toBe(true);
    const future = await auditOf(a.workspaceId, aOwner, `?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
    expect(future.items).toEqual([]);
    const target = await auditOf(a.workspaceId, aOwner, `?target=${a.workspaceId}&action=workspace.renamed`);
    expect(target.items.map((e) => e.action)).toEqual(["workspace.renamed"]);

    // keyset pages: every entry once, newest first
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p = await auditOf(a.workspaceId, aOwner, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...p.items.map((e) => e.id));
      cursor = p.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e) => e.id));
    const bad = await expectProblem(await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/audit?from=yesterday`, { token: aOwner }), 400);
    expect(pointers(bad)[0]).toMatch(/from/);
  });

  it("workspace B never sees A's rows nor platform rows, even with crafted filters", async () => {
    // a platform-level row: a failed sign-in for an unknown e-mail has no workspace
    await h.call("POST", "/api/v1/auth/login", { body: { email: "nobody-at-all@records.test", password: "wrong-password-123" } });
    const platform = await waitForAudit(h, "auth.sign_in_failed");
    const platformIds = new Set(platform.filter((r) => r.workspace_id === null).map((r) => r.event_id));
    expect(platformIds.size).toBeGreaterThan(0);
    const aIds = new Set((await auditOf(a.workspaceId, aOwner, "?limit=200")).items.map((e) => e.id));

    const crafted = [
      "?limit=200",
      `?target=${a.workspaceId}`,
      "?action=auth.",
      "?action=%25",
      `?actor_id=${(await auditOf(a.workspaceId, aOwner)).items[0]!.actor_id}`,
    ];
    for (const q of crafted) {
      const page = await auditOf(b.workspaceId, bOwner, q);
      for (const e of page.items) {
        expect(aIds.has(e.id)).toBe(false);
        expect(platformIds.has(e.id)).toBe(false);
      }
    }
    // A's own log never shows the platform's rows either
    for (const e of (await auditOf(a.workspaceId, aOwner, "?action=auth.&limit=200")).items) expect(platformIds.has(e.id)).toBe(false);
    // B cannot read A's log by naming A, nor export it
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/audit`, { token: bOwner }), 404);
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/audit/export`, { token: bOwner }), 404);
    // nor with its API key
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/audit`, { token: b.apiKey }), 404);
  });

  it("is for owners and admins only", async () => {
    const dev = await h.signIn("dev@acme.test");
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${h.acmeId}/audit`, { token: dev }), 403);
  });

  it("exports the filtered log as CSV, only the workspace's own rows, and audits the export", async () => {
    const res = await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/audit/export?action=branding.`, { token: aOwner });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("occurred_at,action,actor_kind,actor_id,actor_name,subject_id,ip,detail");
    const expected = (await auditOf(a.workspaceId, aOwner, "?action=branding.&limit=200")).items;
    expect(lines.length - 1).toBe(expected.length);
    for (const line of lines.slice(1)) expect(line.split(",")[1]).toMatch(/^branding\./);
    const bCsv = await (await h.call("GET", `/api/v1/workspaces/${b.workspaceId}/audit/export?target=${a.workspaceId}`, { token: bOwner })).text();
    expect(bCsv.trimEnd().split("\r\n")).toHaveLength(1);
    await waitForAudit(h, "audit.exported");
    const exported = await h.owner<
      { n: number }[]
    >`select count(*)::int as n from audit_log where action = 'audit.exported' and workspace_id = ${a.workspaceId}`;
    expect(exported[0]!.n).toBeGreaterThan(0);
  });
});

describe("daily usage history", () => {
  it("counts API calls and executions per day in batches, and shows each workspace only its own", async () => {
    await flushUsage(h.handles.db); // what earlier tests counted
    const before = (await (await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/usage/history?days=7`, { token: aOwner })).json()) as {
      items: { day: string; api_calls: number; executions: number; events: number }[];
      kept_days: number;
    };
    expect(before.items).toHaveLength(7);
    const today = new Date().toISOString().slice(0, 10);
    expect(before.items.at(-1)!.day).toBe(today);
    const calls = before.items.at(-1)!.api_calls;

    for (let i = 0; i < 3; i++) expect((await h.call("GET", "/api/v1/projects/me", { token: a.apiKey })).status).toBe(200);
    recordUsage(a.workspaceId, "executions", 2);
    // nothing is written until the recorder flushes
    await flushUsage(h.handles.db);
    const after = (await (await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/usage/history?days=7`, { token: aOwner })).json()) as typeof before;
    expect(after.items.at(-1)!.api_calls).toBe(calls + 3);
    expect(after.items.at(-1)!.executions).toBe(before.items.at(-1)!.executions + 2);
    expect(after.kept_days).toBe(400);

    const other = (await (await h.call("GET", `/api/v1/workspaces/${b.workspaceId}/usage/history?days=7`, { token: bOwner })).json()) as typeof before;
    expect(other.items.at(-1)!.executions).toBe(0);
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/usage/history`, { token: bOwner }), 404);
    const bad = await expectProblem(await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/usage/history?days=400`, { token: aOwner }), 400);
    expect(pointers(bad)[0]).toMatch(/days/);
  });

  it("keeps day counters 400 days and hour counters two days, then prunes them", async () => {
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const hour = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString().slice(0, 13);
    const rows = [
      { type: "day", period: day(401), keep: false },
      { type: "day", period: day(399), keep: true },
      { type: "hour", period: hour(72), keep: false },
      { type: "hour", period: hour(1), keep: true },
    ];
    for (const r of rows) {
      await h.owner`insert into usage_counters (workspace_id, period_type, period, metric, count)
        values (${b.workspaceId}, ${r.type}, ${r.period}, 'requests', 5) on conflict do nothing`;
    }
    await runRetention(h.handles.db);
    const left = await h.owner<{ period_type: string; period: string }[]>`select period_type, period from usage_counters
      where workspace_id = ${b.workspaceId} and metric = 'requests'`;
    for (const r of rows) expect(left.some((l) => l.period_type === r.type && l.period === r.period)).toBe(r.keep);
  });
});
