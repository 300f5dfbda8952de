/**
 * The seed's named provider actions against a local HTTP server speaking each provider's format:
 * method, URL, headers and body of the real request, idempotency keys, error mapping, consent
 * gating. Connections are stored encrypted exactly as the OAuth callback stores them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { ActionFailed, findAction } from "./actions";
import { actionContext, consentingEndUser, givenConnection, startProviderServer, type ProviderServer } from "./test-support";
import "./providers";

let h: Harness;
let api: ProviderServer;
let eu: string;
const PROVIDERS = ["slack", "salesforce", "jira", "zendesk", "gmail", "hubspot", "github", "google_sheets", "whatsapp", "notion", "trello", "stripe"];

beforeAll(async () => {
  h = await openHarness();
  api = await startProviderServer();
  for (const p of PROVIDERS) process.env[`PROVIDER_${p.toUpperCase()}_BASE_URL`] = `${api.url}/${p}`;
  eu = await consentingEndUser(h, h.acmeId, "actions");
  const oauth = ["slack", "salesforce", "jira", "gmail", "hubspot", "github", "google_sheets", "notion"];
  for (const p of oauth) await givenConnection(h, h.acmeId, eu, p, `${p}-access-token`);
  await givenConnection(h, h.acmeId, eu, "zendesk", JSON.stringify({ email: "agent@acme.test", api_token: "zd-token" }), { config: { subdomain: "acme" } });
  await givenConnection(h, h.acmeId, eu, "whatsapp", JSON.stringify({ access_token: "wa-token" }));
  await givenConnection(h, h.acmeId, eu, "trello", JSON.stringify({ api_key: "trello-key", token: "trello-token" }));
  await givenConnection(h, h.acmeId, eu, "stripe", JSON.stringify({ secret_key: "sk_test_123" }));
});
afterAll(async () => {
  await api.close();
  await h.close();
});

async function run(provider: string, action: string, config: unknown, key?: string) {
  const def = findAction(provider, action);
  expect(def, `${provider}.${action} is registered`).toBeDefined();
  const input = def!.input.parse(config);
  api.requests.length = 0;
  const result = await def!.run(input, actionContext(h.acmeId, eu, key));
  expect(api.requests).toHaveLength(1);
  const req = api.requests[0]!;
  return { result, req, json: () => JSON.parse(req.body) as Record<string, unknown> };
}

describe("the seed's named actions", () => {
  it("slack.send_message posts chat.postMessage with the bot token", async () => {
    const { req, json } = await run("slack", "send_message", { channel: "C123", text: "Hello" });
    expect([req.method, req.path, req.headers.authorization]).toEqual(["POST", "/slack/chat.postMessage", "Bearer slack-access-token"]);
    expect(json()).toEqual({ channel: "C123", text: "Hello" });
  });

  it("slack's 200 {ok:false} is a failure that is not retried", async () => {
    api.respond(() => ({ json: { ok: false, error: "channel_not_found" } }));
    await expect(findAction("slack", "send_message")!.run({ channel: "C0", text: "x" }, actionContext(h.acmeId, eu))).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining("channel_not_found"),
    });
    api.respond(() => ({ json: { ok: true } }));
  });

  it("salesforce.create_lead creates a Lead sObject", async () => {
    const { req, json } = await run("salesforce", "create_lead", { last_name: "Hopper", company: "Navy", email: "grace@navy.test" });
    expect([req.method, req.path, req.headers.authorization]).toEqual(["POST", "/salesforce/sobjects/Lead", "Bearer salesforce-access-token"]);
    expect(json()).toEqual({ LastName: "Hopper", Company: "Navy", Email: "grace@navy.test" });
  });

  it("jira.create_issue sends an ADF description", async () => {
    const { req, json } = await run("jira", "create_issue", { project_key: "OPS", summary: "Broken", description: "line 1\nline 2" });
    expect(req.path).toBe("/jira/issue");
    expect(json()).toMatchObject({
      fields: { project: { key: "OPS" }, summary: "Broken", issuetype: { name: "Task" }, description: { type: "doc", version: 1 } },
    });
    expect((json().fields as { description: { content: unknown[] } }).description.content).toHaveLength(2);
  });

  it("zendesk.create_ticket uses email/token basic auth and an Idempotency-Key", async () => {
    const { req, json } = await run("zendesk", "create_ticket", { subject: "Help", body: "It broke", requester_email: "c@x.test" }, "idem-zd-1");
    expect(req.path).toBe("/zendesk/tickets");
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from("agent@acme.test/token:zd-token").toString("base64")}`);
    expect(req.headers["idempotency-key"]).toBe("idem-zd-1");
    expect(json()).toEqual({ ticket: { subject: "Help", comment: { body: "It broke" }, requester: { email: "c@x.test", name: "c@x.test" } } });
  });

  it("gmail.send_email sends a base64url RFC 2822 message", async () => {
    const { req, json } = await run("gmail", "send_email", { to: "a@b.test", subject: "Hi", body: "Hello there" });
    expect(req.path).toBe("/gmail/users/me/messages/send");
    const raw = Buffer.from(json().raw as string, "base64url").toString("utf8");
    expect(raw).toContain("To: a@b.test\r\n");
    expect(raw).toContain(`Subject: =?UTF-8?B?${Buffer.from("Hi").toString("base64")}?=`);
    expect(raw.endsWith("\r\n\r\nHello there")).toBe(true);
  });

  it("hubspot.create_contact posts CRM v3 properties", async () => {
    const { req, json } = await run("hubspot", "create_contact", { email: "a@b.test", firstname: "Ada" });
    expect([req.path, req.headers.authorization]).toEqual(["/hubspot/crm/v3/objects/contacts", "Bearer hubspot-access-token"]);
    expect(json()).toEqual({ properties: { email: "a@b.test", firstname: "Ada" } });
  });

  it("github.create_issue targets the repository with the API version header", async () => {
    const { req, json } = await run("github", "create_issue", { owner: "acme", repo: "app", title: "Bug", labels: ["bug"] });
    expect(req.path).toBe("/github/repos/acme/app/issues");
    expect(req.headers["x-github-api-version"]).toBe("2022-11-28");
    expect(req.headers.accept).toBe("application/vnd.github+json");
    expect(json()).toEqual({ title: "Bug", labels: ["bug"] });
  });

  it("google_sheets.append_row calls values:append with USER_ENTERED", async () => {
    const { req, json } = await run("google_sheets", "append_row", { spreadsheet_id: "1AbCdEfGhIjK", range: "Leads!A1", values: ["Ada", 36, true] });
    expect(req.path).toBe("/google_sheets/spreadsheets/1AbCdEfGhIjK/values/Leads!A1:append?valueInputOption=USER_ENTERED&insertDataOption=INSERT_ROWS");
    expect(json()).toEqual({ majorDimension: "ROWS", values: [["Ada", 36, true]] });
  });

  it("whatsapp.send_template_message sends a Cloud API template", async () => {
    const { req, json } = await run("whatsapp", "send_template_message", { phone_number_id: "1065", to: "+15551234567", template: "hello_world" });
    expect([req.path, req.headers.authorization]).toEqual(["/whatsapp/1065/messages", "Bearer wa-token"]);
    expect(json()).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "+15551234567",
      type: "template",
      template: { name: "hello_world", language: { code: "en_US" }, components: [] },
    });
  });

  it("notion.create_page sends Notion-Version and a title property", async () => {
    const { req, json } = await run("notion", "create_page", { database_id: "a".repeat(32), title: "Meeting notes" });
    expect([req.path, req.headers["notion-version"]]).toEqual(["/notion/pages", "2022-06-28"]);
    expect(json()).toEqual({ parent: { database_id: "a".repeat(32) }, properties: { Name: { title: [{ text: { content: "Meeting notes" } }] } } });
  });

  it("trello.create_card authorises with key and token", async () => {
    const { req, json } = await run("trello", "create_card", { list_id: "5abbe4b7ddc1b351ef961414", name: "Call Ada" });
    expect(req.path).toBe("/trello/cards");
    expect(req.headers.authorization).toBe('OAuth oauth_consumer_key="trello-key", oauth_token="trello-token"');
    expect(json()).toEqual({ idList: "5abbe4b7ddc1b351ef961414", name: "Call Ada" });
  });

  it("stripe.create_customer is form-encoded with the Idempotency-Key", async () => {
    const { req } = await run("stripe", "create_customer", { email: "a@b.test", name: "Ada", metadata: { plan: "pro" } }, "idem-stripe-1");
    expect([req.path, req.headers.authorization, req.headers["idempotency-key"]]).toEqual(["/stripe/customers", "Bearer sk_test_123", "idem-stripe-1"]);
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ email: "a@b.test", name: "Ada", "metadata[plan]": "pro" });
  });
});

describe("errors and gating", () => {
  it("maps 429 and 5xx to retryable failures and 4xx to final ones", async () => {
    const hubspot = findAction("hubspot", "create_contact")!;
    for (const [status, retryable] of [
      [429, true],
      [503, true],
      [400, false],
      [404, false],
    ] as const) {
      api.respond(() => ({ status, json: { message: "nope" } }));
      const err = await hubspot.run({ email: "a@b.test" }, actionContext(h.acmeId, eu)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ActionFailed);
      expect(err).toMatchObject({ retryable, status });
    }
    api.respond(() => ({ json: { ok: true } }));
  });

  it("maps a refused connection to a retryable network failure", async () => {
    process.env.PROVIDER_GITHUB_BASE_URL = "http://127.0.0.1:1";
    const err = await findAction("github", "create_issue")!
      .run({ owner: "a", repo: "b", title: "c" }, actionContext(h.acmeId, eu))
      .catch((e: unknown) => e);
    process.env.PROVIDER_GITHUB_BASE_URL = `${api.url}/github`;
    expect(err).toMatchObject({ retryable: true, message: expect.stringContaining("network error") });
  });

  it("finds the end user by the workspace's external id too (executions carry either)", async () => {
    const [row] = await h.owner<{ external_user_id: string }[]>`select external_user_id from end_users where id = ${eu}`;
    api.requests.length = 0;
    await findAction("hubspot", "create_contact")!.run({ email: "x@y.test" }, actionContext(h.acmeId, row!.external_user_id));
    expect(api.requests[0]!.headers.authorization).toBe("Bearer hubspot-access-token");
    await expect(findAction("hubspot", "create_contact")!.run({ email: "x@y.test" }, actionContext(h.acmeId, "nobody-at-all"))).rejects.toMatchObject({
      retryable: false,
      message: expect.stringMatching(/^not_connected/),
    });
  });

  it("refuses without a connection, and without consent does not call the provider", async () => {
    const stranger = await consentingEndUser(h, h.acmeId, "no-connection");
    await expect(findAction("hubspot", "create_contact")!.run({ email: "a@b.test" }, actionContext(h.acmeId, stranger))).rejects.toMatchObject({
      retryable: false,
      message: expect.stringMatching(/^not_connected/),
    });
    const [purpose] = await h.owner<{ key: string }[]>`select key from purposes where workspace_id = ${h.acmeId} and 'slack' = any(providers)`;
    expect(purpose).toBeDefined();
    const withdrawn = await consentingEndUser(h, h.acmeId, "withdrawn");
    await givenConnection(h, h.acmeId, withdrawn, "slack", "xoxb-withdrawn");
    await h.owner`update consents set granted = false where end_user_id = ${withdrawn}`;
    api.requests.length = 0;
    await expect(findAction("slack", "send_message")!.run({ channel: "C1", text: "x" }, actionContext(h.acmeId, withdrawn))).rejects.toMatchObject({
      retryable: false,
      message: expect.stringMatching(/^consent_required/),
    });
    expect(api.requests).toHaveLength(0);
  });

  it("http.request calls a custom provider's API with the end user's token, behind the SSRF guard", async () => {
    const httpRequest = findAction("http", "request")!;
    await expect(httpRequest.run(httpRequest.input.parse({ url: `${api.url}/internal` }), actionContext(h.acmeId, eu))).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining("not allowed"),
    });
    process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1";
    try {
      const dev = await h.signIn("dev@acme.test");
      const created = await h.call("POST", `/api/v1/workspaces/${h.acmeId}/custom-providers`, {
        token: dev,
        body: {
          slug: "local-api",
          name: "Local API",
          authorization_url: `${api.url}/authorize`,
          token_url: `${api.url}/token`,
          api_base_url: `${api.url}/v1`,
          scopes: [],
        },
      });
      expect(created.status).toBe(201);
      await h.call("PUT", `/api/v1/workspaces/${h.acmeId}/oauth-apps/custom:local-api`, { token: dev, body: { client_id: "c", client_secret: "s" } });
      await givenConnection(h, h.acmeId, eu, "custom:local-api", "custom-access-token");
      api.requests.length = 0;
      api.respond(() => ({ status: 201, json: { id: "thing_1" } }));
      const { output } = await httpRequest.run(
        httpRequest.input.parse({ method: "POST", url: "/things", connection: "custom:local-api", body: { a: 1 } }),
        actionContext(h.acmeId, eu, "exec-1:step-1"),
      );
      expect(output).toMatchObject({ status: 201, body: { id: "thing_1" } });
      expect([api.requests[0]!.path, api.requests[0]!.headers.authorization, api.requests[0]!.body, api.requests[0]!.headers["idempotency-key"]]).toEqual([
        "/v1/things",
        "Bearer custom-access-token",
        '{"a":1}',
        "exec-1:step-1",
      ]);
      // a step's own Idempotency-Key wins
      await httpRequest.run(
        httpRequest.input.parse({ method: "POST", url: "/things", connection: "custom:local-api", headers: { "Idempotency-Key": "mine" } }),
        actionContext(h.acmeId, eu, "exec-1:step-1"),
      );
      expect(api.requests[1]!.headers["idempotency-key"]).toBe("mine");
      await expect(
        httpRequest.run(httpRequest.input.parse({ url: "https://93.184.215.14/steal", connection: "custom:local-api" }), actionContext(h.acmeId, eu)),
      ).rejects.toMatchObject({ retryable: false });
    } finally {
      delete process.env.NH_OUTBOUND_ALLOWLIST;
      api.respond(() => ({ json: { ok: true } }));
    }
  });

  it("every catalogue provider has at least one registered action with an input schema", async () => {
    const { listProviders } = await import("./catalogue");
    const { listActions } = await import("./actions");
    const providers = listProviders();
    expect(providers.length).toBeGreaterThanOrEqual(49);
    for (const p of providers) expect(listActions().filter((a) => a.provider === p.key).length, p.key).toBeGreaterThan(0);
  });
});
