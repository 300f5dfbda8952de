/**
 * Tenant isolation of every notifications route: Globex's signed-in owner, API key (every scope)
 * and end user aim at Acme's real rule, event, notification, sound, webhook endpoint and delivery
 * ids. Every answer must be 403 or 404, and Acme's rows must be unchanged afterwards.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { settle } from "../../testing/notifications";

let h: Harness;
let server: http.Server;
const acme = { rule: "", event: "", notification: "", sound: "", endpoint: "", delivery: "" };
const globex = { session: "", apiKey: "", endUser: "" };

beforeAll(async () => {
  process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1/32";
  h = await openHarness();
  server = http.createServer((_req, res) => res.writeHead(200).end("ok"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const owner = await h.signIn("owner@acme.test");
  const key = (
    (await (await h.call("POST", `/api/v1/workspaces/${h.acmeId}/api-keys`, { token: owner, body: { name: "notify cross-tenant" } })).json()) as { key: string }
  ).key;
  acme.rule = (
    (await (
      await h.call("POST", "/api/v1/rules", {
        token: owner,
        body: { name: "Acme secret rule", condition: 'event.type == "acme.cross"', target_roles: ["owner"], title_template: "Acme only" },
      })
    ).json()) as { id: string }
  ).id;
  acme.endpoint = (
    (await (
      await h.call("POST", "/api/v1/webhook-endpoints", {
        token: owner,
        body: { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/acme`, event_types: ["notification.delivered"] },
      })
    ).json()) as { id: string }
  ).id;
  const form = new FormData();
  const wav = Buffer.alloc(44);
  wav.write("RIFF", 0);
  wav.writeUInt32LE(36, 4);
  wav.write("WAVEfmt ", 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write("data", 36);
  form.set("file", new File([new Uint8Array(wav)], "a.wav"));
  acme.sound = (
    (await (await h.app.request("/api/v1/sounds", { method: "POST", body: form, headers: { authorization: `Bearer ${owner}` } })).json()) as { id: string }
  ).id;
  acme.event = ((await (await h.call("POST", "/api/v1/events", { token: key, body: { type: "acme.cross" } })).json()) as { id: string }).id;
  await settle(h, async () => (await h.owner`select 1 from webhook_deliveries where endpoint_id = ${acme.endpoint}`).length > 0);
  [{ id: acme.notification }] = (await h.owner<{ id: string }[]>`select id from notifications where event_id = ${acme.event} limit 1`) as unknown as [
    { id: string },
  ];
  [{ id: acme.delivery }] = (await h.owner<{ id: string }[]>`select id from webhook_deliveries where endpoint_id = ${acme.endpoint} limit 1`) as unknown as [
    { id: string },
  ];

  globex.session = await h.signIn("owner@globex.test");
  globex.apiKey = (
    (await (await h.call("POST", `/api/v1/workspaces/${h.globexId}/api-keys`, { token: globex.session, body: { name: "notify attacker" } })).json()) as {
      key: string;
    }
  ).key;
  const s = await h.call("POST", "/api/v1/connect/sessions", { token: globex.apiKey, body: { end_user_id: "globex_notify_1" } });
  const ex = await h.call("POST", "/api/v1/connect/exchange", { body: { token: ((await s.json()) as { token: string }).token } });
  globex.endUser = ((await ex.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  server.close();
  await h.close();
});

function routes(): [string, string, unknown?][] {
  const ruleBody = { name: "pwned", condition: "true", target_roles: ["owner"], title_template: "x" };
  return [
    ["GET", `/api/v1/events/${acme.event}`],
    ["GET", `/api/v1/rules/${acme.rule}`],
    ["PUT", `/api/v1/rules/${acme.rule}`, { name: "pwned", active: false }],
    ["DELETE", `/api/v1/rules/${acme.rule}`],
    ["POST", `/api/v1/rules/${acme.rule}/test`, { event: { type: "acme.cross" } }],
    ["POST", "/api/v1/rules", { ...ruleBody, sound_id: acme.sound }],
    ["GET", `/api/v1/notifications/${acme.notification}`],
    ["PUT", `/api/v1/notifications/${acme.notification}/read`],
    ["PUT", `/api/v1/notifications/${acme.notification}/acknowledge`],
    ["PUT", `/api/v1/notifications/${acme.notification}/archive`],
    ["GET", `/api/v1/sounds/${acme.sound}/file`],
    ["DELETE", `/api/v1/sounds/${acme.sound}`],
    ["GET", `/api/v1/webhook-endpoints/${acme.endpoint}`],
    ["PATCH", `/api/v1/webhook-endpoints/${acme.endpoint}`, { url: "https://evil.example/hook" }],
    ["DELETE", `/api/v1/webhook-endpoints/${acme.endpoint}`],
    ["POST", `/api/v1/webhook-endpoints/${acme.endpoint}/rotate-secret`],
    ["GET", `/api/v1/webhook-endpoints/${acme.endpoint}/deliveries`],
    ["POST", `/api/v1/webhook-deliveries/${acme.delivery}/redeliver`],
    ["GET", `/api/v1/workspaces/${h.acmeId}/notifications`],
  ];
}

describe("Globex against Acme's notifications", () => {
  for (const who of ["session", "apiKey", "endUser"] as const) {
    it(`refuses every Acme id to Globex's ${who}`, async () => {
      const unexpected: string[] = [];
      for (const [method, path, body] of routes()) {
        const res = await h.call(method, path, { token: globex[who], body });
        // a Globex rule referencing Acme's sound is refused as a bad field (400), never stored
        const ok = res.status === 403 || res.status === 404 || (res.status === 400 && path === "/api/v1/rules");
        if (!ok) unexpected.push(`${method} ${path} -> ${res.status}`);
      }
      expect(unexpected).toEqual([]);
    });
  }

  it("shows Globex only Globex's rows and leaves Acme unchanged", async () => {
    const rules = (await (await h.call("GET", "/api/v1/rules", { token: globex.session })).json()) as { items: { id: string }[] };
    expect(rules.items.map((r) => r.id)).not.toContain(acme.rule);
    const inbox = (await (await h.call("GET", "/api/v1/notifications?filter=all", { token: globex.apiKey })).json()) as { items: { id: string }[] };
    expect(inbox.items.map((n) => n.id)).not.toContain(acme.notification);
    const eps = (await (await h.call("GET", "/api/v1/webhook-endpoints", { token: globex.apiKey })).json()) as { items: { id: string }[] };
    expect(eps.items.map((e) => e.id)).not.toContain(acme.endpoint);
    const usage = (await (await h.call("GET", "/api/v1/projects/me/usage", { token: globex.apiKey })).json()) as { plan: { id: string } };
    expect(usage.plan.id).toBe("free");
    const [rule] = await h.owner<{ name: string; active: boolean }[]>`select name, active from rules where id = ${acme.rule}`;
    expect(rule).toEqual({ name: "Acme secret rule", active: true });
    const [n] = await h.owner<
      { read_at: Date | null; acknowledged_at: Date | null; archived_at: Date | null }[]
    >`select read_at, acknowledged_at, archived_at from notifications where id = ${acme.notification}`;
    expect(n).toEqual({ read_at: null, acknowledged_at: null, archived_at: null });
    const [ep] = await h.owner<
      { url: string; previous_secret_encrypted: string | null }[]
    >`select url, previous_secret_encrypted from webhook_endpoints where id = ${acme.endpoint}`;
    expect(ep!.url).toMatch(/127\.0\.0\.1/);
    expect(ep!.previous_secret_encrypted).toBeNull();
    expect((await h.owner`select 1 from sounds where id = ${acme.sound}`).length).toBe(1);
    expect((await h.owner`select 1 from rules where name = 'pwned'`).length).toBe(0);
  });
});
