/**
 * Every other catalogue action (beyond the seed's twelve in actions.test.ts) against a local
 * server: the method, path, authorisation header and body each provider's API expects.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { findAction } from "./actions";
import { listProviders } from "./catalogue";
import { actionContext, consentingEndUser, givenConnection, startProviderServer, type ProviderServer } from "./test-support";
import "./providers";

let h: Harness;
let api: ProviderServer;
let eu: string;
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;

interface Case {
  action: string;
  input: Record<string, unknown>;
  /** API-key/basic credentials (OAuth providers get the access token "tok") */
  creds?: Record<string, string>;
  config?: Record<string, string>;
  path: string;
  headers?: Record<string, string | RegExp>;
  body?: Record<string, unknown>;
}

const CASES: Record<string, Case> = {
  microsoft_teams: {
    action: "send_channel_message",
    input: { team_id: "t1", channel_id: "c1", content: "hi" },
    path: "/teams/t1/channels/c1/messages",
    body: { body: { contentType: "text", content: "hi" } },
  },
  discord: {
    action: "send_message",
    input: { channel_id: "123", content: "hi" },
    creds: { bot_token: "bt" },
    path: "/channels/123/messages",
    headers: { authorization: "Bot bt" },
  },
  zoom: { action: "create_meeting", input: { topic: "Standup" }, path: "/users/me/meetings", body: { topic: "Standup", type: 1, duration: 30 } },
  google_meet: { action: "create_space", input: {}, path: "/spaces", body: { config: { accessType: "TRUSTED" } } },
  telegram: {
    action: "send_message",
    input: { chat_id: 42, text: "hi" },
    creds: { bot_token: "123:ABC" },
    path: "/bot123:ABC/sendMessage",
    body: { chat_id: 42, text: "hi" },
  },
  webex: { action: "send_message", input: { room_id: "r1", text: "hi" }, path: "/messages", body: { roomId: "r1", text: "hi" } },
  mattermost: {
    action: "send_message",
    input: { channel_id: "c1", message: "hi" },
    creds: { access_token: "mm" },
    config: { server_url: "https://chat.acme.test" },
    path: "/posts",
    headers: { authorization: "Bearer mm" },
  },
  sendgrid: {
    action: "send_email",
    input: { from: "a@acme.test", to: "b@x.test", subject: "S", text: "T" },
    creds: { api_key: "SG.k" },
    path: "/mail/send",
    headers: { authorization: "Bearer SG.k" },
    body: { personalizations: [{ to: [{ email: "b@x.test" }] }] },
  },
  mailchimp: {
    action: "add_member",
    input: { list_id: "L1", email: "b@x.test" },
    creds: { api_key: "abc-us21" },
    path: "/lists/L1/members",
    headers: { authorization: basic("anystring", "abc-us21") },
    body: { email_address: "b@x.test", status: "pending" },
  },
  twilio: {
    action: "send_sms",
    input: { to: "+15551234567", from: "+15550000000", body: "hi" },
    creds: { account_sid: "AC1", auth_token: "t" },
    path: "/Accounts/AC1/Messages.json",
    headers: { authorization: basic("AC1", "t"), "i-twilio-idempotency-token": "idem-1", "content-type": "application/x-www-form-urlencoded" },
  },
  postmark: {
    action: "send_email",
    input: { from: "a@acme.test", to: "b@x.test", subject: "S", text_body: "T" },
    creds: { server_token: "pm" },
    path: "/email",
    headers: { "x-postmark-server-token": "pm" },
    body: { From: "a@acme.test", MessageStream: "outbound" },
  },
  aws_ses: {
    action: "send_email",
    input: { from: "a@acme.test", to: ["b@x.test"], subject: "S", text: "T" },
    creds: { access_key_id: "AKID", secret_access_key: "s", region: "eu-west-1" },
    path: "/v2/email/outbound-emails",
    headers: {
      authorization: /^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/eu-west-1\/ses\/aws4_request, SignedHeaders=.+, Signature=[0-9a-f]{64}$/,
      "x-amz-date": /^\d{8}T\d{6}Z$/,
    },
  },
  customer_io: {
    action: "send_transactional_email",
    input: { transactional_message_id: 3, to: "b@x.test" },
    creds: { app_api_key: "cio" },
    path: "/send/email",
    body: { identifiers: { email: "b@x.test" } },
  },
  braze: {
    action: "track_user",
    input: { external_id: "u1", attributes: { plan: "pro" } },
    creds: { api_key: "bz" },
    config: { instance: "iad-01" },
    path: "/users/track",
    body: { attributes: [{ external_id: "u1", plan: "pro" }] },
  },
  asana: { action: "create_task", input: { name: "T", project_gid: "12" }, path: "/tasks", body: { data: { name: "T", projects: ["12"] } } },
  monday: {
    action: "create_item",
    input: { board_id: "1", item_name: "I" },
    path: "",
    headers: { authorization: "tok" },
    body: { variables: { board: "1", name: "I", cols: "{}" } },
  },
  clickup: { action: "create_task", input: { list_id: "L", name: "T" }, path: "/list/L/task", body: { name: "T" } },
  basecamp: {
    action: "create_todo",
    input: { project_id: 1, todolist_id: 2, content: "c" },
    path: "/buckets/1/todolists/2/todos.json",
    body: { content: "c" },
  },
  linear: { action: "create_issue", input: { team_id: "T", title: "x" }, path: "/graphql", body: { variables: { input: { teamId: "T", title: "x" } } } },
  height: { action: "create_task", input: { name: "n", list_ids: ["l"] }, creds: { api_key: "hk" }, path: "/tasks", headers: { authorization: "api-key hk" } },
  pipedrive: {
    action: "create_person",
    input: { name: "P", email: "p@x.test" },
    path: "/persons",
    body: { name: "P", email: [{ value: "p@x.test", primary: true }] },
  },
  intercom: {
    action: "create_contact",
    input: { email: "c@x.test" },
    path: "/contacts",
    headers: { "intercom-version": "2.11" },
    body: { email: "c@x.test", role: "user" },
  },
  freshdesk: {
    action: "create_ticket",
    input: { subject: "S", description: "D", email: "c@x.test" },
    creds: { api_key: "fk" },
    config: { domain: "acme" },
    path: "/tickets",
    headers: { authorization: basic("fk", "X") },
    body: { priority: 1, status: 2 },
  },
  close: { action: "create_lead", input: { name: "Acme" }, creds: { api_key: "ck" }, path: "/lead/", headers: { authorization: basic("ck", "") } },
  gitlab: { action: "create_issue", input: { project: "g/p", title: "t" }, path: "/projects/g%2Fp/issues", body: { title: "t" } },
  bitbucket: {
    action: "create_issue",
    input: { workspace: "w", repo_slug: "r", title: "t" },
    path: "/repositories/w/r/issues",
    body: { title: "t", kind: "task", content: { raw: "" } },
  },
  google_drive: { action: "create_folder", input: { name: "F" }, path: "/files", body: { mimeType: "application/vnd.google-apps.folder" } },
  dropbox: { action: "create_folder", input: { path: "/F" }, path: "/files/create_folder_v2", body: { path: "/F", autorename: false } },
  onedrive: { action: "create_folder", input: { name: "F" }, path: "/me/drive/root/children", body: { name: "F", folder: {} } },
  box: { action: "create_folder", input: { name: "F" }, path: "/folders", body: { name: "F", parent: { id: "0" } } },
  shopify: {
    action: "create_customer",
    input: { email: "c@x.test" },
    creds: { access_token: "shpat_1" },
    config: { shop: "acme" },
    path: "/customers.json",
    headers: { "x-shopify-access-token": "shpat_1" },
    body: { customer: { email: "c@x.test" } },
  },
  square: {
    action: "create_customer",
    input: { given_name: "A" },
    path: "/customers",
    headers: { "square-version": "2024-10-17" },
    body: { idempotency_key: "idem-1", given_name: "A" },
  },
  airtable: {
    action: "create_record",
    input: { base_id: "appX1", table: "Leads", fields: { Name: "A" } },
    path: "/appX1/Leads",
    body: { records: [{ fields: { Name: "A" } }] },
  },
  excel_online: {
    action: "add_table_row",
    input: { item_id: "I", table: "T", values: ["a", 1] },
    path: "/me/drive/items/I/workbook/tables/T/rows",
    body: { values: [["a", 1]] },
  },
  metabase: {
    action: "run_question",
    input: { card_id: 7 },
    creds: { api_key: "mb" },
    config: { server_url: "https://bi.acme.test" },
    path: "/card/7/query",
    headers: { "x-api-key": "mb" },
  },
  paypal: {
    action: "create_order",
    input: { currency_code: "EUR", value: "10.00" },
    creds: { client_id: "pc", client_secret: "ps" },
    path: "/v2/checkout/orders",
    headers: { authorization: "Bearer pp-token", "paypal-request-id": "idem-1" },
  },
  tableau: {
    action: "refresh_datasource",
    input: { datasource_id: "9f2c4a1e-1b2c-4d3e-8f9a-0b1c2d3e4f5a" },
    creds: { token_name: "n", token_secret: "s", site: "acme" },
    path: "/sites/site-1/datasources/9f2c4a1e-1b2c-4d3e-8f9a-0b1c2d3e4f5a/refresh",
    headers: { "x-tableau-auth": "tt" },
  },
};

beforeAll(async () => {
  h = await openHarness();
  api = await startProviderServer();
  api.respond((r) =>
    r.path === "/v1/oauth2/token"
      ? { json: { access_token: "pp-token" } }
      : r.path.endsWith("/auth/signin")
        ? { json: { credentials: { token: "tt", site: { id: "site-1" } } } }
        : { json: { id: "1" } },
  );
  process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1";
  eu = await consentingEndUser(h, h.acmeId, "catalogue");
  for (const [p, c] of Object.entries(CASES)) {
    process.env[`PROVIDER_${p.toUpperCase()}_BASE_URL`] = `${api.url}/${p}`;
    await givenConnection(h, h.acmeId, eu, p, c.creds ? JSON.stringify(c.creds) : "tok", { config: c.config });
  }
});
afterAll(async () => {
  delete process.env.NH_OUTBOUND_ALLOWLIST;
  await api.close();
  await h.close();
});

describe("catalogue actions", () => {
  it("covers every provider outside the seed's twelve", () => {
    const seed = ["slack", "salesforce", "jira", "zendesk", "gmail", "hubspot", "github", "google_sheets", "whatsapp", "notion", "trello", "stripe"];
    expect(
      listProviders()
        .map((p) => p.key)
        .filter((k) => !seed.includes(k))
        .sort(),
    ).toEqual(Object.keys(CASES).sort());
  });

  for (const [provider, c] of Object.entries(CASES)) {
    it(`${provider}.${c.action} sends the provider's request`, async () => {
      const def = findAction(provider, c.action)!;
      api.requests.length = 0;
      await def.run(def.input.parse(c.input), actionContext(h.acmeId, eu, "idem-1"));
      const req = api.requests.at(-1)!;
      expect([req.method, req.path]).toEqual(["POST", `/${provider}${c.path}`]);
      const auth = c.creds ? undefined : (c.headers?.authorization ?? "Bearer tok");
      if (auth) expect(req.headers.authorization).toBe(auth);
      for (const [k, v] of Object.entries(c.headers ?? {})) {
        if (v instanceof RegExp) expect(req.headers[k]).toMatch(v);
        else expect(req.headers[k]).toBe(v);
      }
      if (c.body) expect(JSON.parse(req.body)).toMatchObject(c.body);
    });
  }
});
