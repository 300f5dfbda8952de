/**
 * Simulators of group C (onedrive … zoom). Each success case runs the provider's real action
 * through `invokeAction` in a test execution, so the simulator answers the very request the action
 * builds (base URL, path, authorisation, body, idempotency header): if the action and the simulator
 * disagree, the test fails. Nothing of ours is replaced: the exchange is recorded in
 * `sandbox_requests` (real PostgreSQL) and the test reads requests and answers back from it. PayPal and Tableau authorise with a token request of their own first (a
 * side request of the action's `authorize`, sent through `req.fetch`); the same simulator answers
 * it in the provider's token format, and any real `fetch` fails the test (a test execution never
 * leaves the process). Each action's catalogue `example` also gets a 2xx it accepts. Validation and authentication errors send the action's request with a
 * field or header removed or spoiled; errors on demand go through `sandbox_fail` in the step's
 * config, as a developer asks for them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { bindAppDatabase } from "../../../kernel/app-database";
import { type Harness, openHarness } from "../../../testing/harness";
import { listActions } from "../actions";
import "../providers";
import { answerSandboxRequest, type SandboxRequest } from "./index";
import { runInSandbox, type SandboxRun, variantOf } from "../testing/sandbox-runs";

const outbound: string[] = [];
let h: Harness;
let workspaceId: string;
let steps = 0;
beforeAll(async () => {
  h = await openHarness();
  // callProvider hands each call to exchangeWithSandbox, which records it in sandbox_requests (real PostgreSQL)
  bindAppDatabase(h.handles.db);
  workspaceId = h.acmeId;
  // a test execution never reaches the network (an authorize's token request included)
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    outbound.push(url);
    throw new Error(`left the sandbox: fetch ${url}`);
  });
});
afterEach(() => {
  expect(outbound).toEqual([]);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await h.close();
});

/** Runs `provider.action` in a test execution; answers the request the simulator got, its answer and the step's outcome. */
const run = (provider: string, action: string, input: Record<string, unknown>): Promise<SandboxRun> =>
  runInSandbox(h, workspaceId, `step_c_${++steps}`, provider, action, input);
const variant = variantOf;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const body = (r: SandboxRequest) => clone(r.body) as Record<string, unknown>;

const GROUP_C = [
  "onedrive",
  "paypal",
  "pipedrive",
  "postmark",
  "sendgrid",
  "shopify",
  "square",
  "stripe",
  "tableau",
  "telegram",
  "trello",
  "twilio",
  "webex",
  "zoom",
];

describe("group C catalogue examples", () => {
  it.each(
    listActions()
      .filter((a) => GROUP_C.includes(a.provider))
      .map((a) => [`${a.provider}.${a.action}`, a] as const),
  )("%s: its example input gets a 2xx answer the action accepts", async (_name, a) => {
    expect(a.example).toBeDefined();
    const r = await run(a.provider, a.action, a.example as Record<string, unknown>);
    expect(r.error).toBeUndefined();
    expect(r.answer.status).toBeGreaterThanOrEqual(200);
    expect(r.answer.status).toBeLessThan(300);
    for (const side of r.side) expect(side.provider).toBe(a.provider);
  });

  it("covers every group C provider", () => {
    for (const p of GROUP_C) expect(listActions().some((a) => a.provider === p)).toBe(true);
  });
});

describe("group C simulators answer the requests their actions build", () => {
  it("onedrive: 201 driveItem; Graph error format", async () => {
    const r = await run("onedrive", "create_folder", { name: "Invoices" });
    expect(r.request.method).toBe("POST");
    expect(r.request.url.href).toBe("https://graph.microsoft.com/v1.0/me/drive/root/children");
    expect(r.answer).toMatchObject({
      status: 201,
      body: { id: expect.stringMatching(/^01/), name: "Invoices", folder: { childCount: 0 }, parentReference: { path: "/drive/root:" } },
    });
    expect(r.output).toMatchObject({ name: "Invoices" });
    expect(await answerSandboxRequest(variant(r.request, { body: { ...body(r.request), name: "a:b" } }))).toMatchObject({
      status: 400,
      body: { error: { code: "invalidRequest", innerError: { "request-id": expect.any(String) } } },
    });
    expect(await answerSandboxRequest(variant(r.request, { body: { ...body(r.request), "@microsoft.graph.conflictBehavior": "skip" } }))).toMatchObject({
      status: 400,
      body: { error: { code: "invalidRequest" } },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { "x-sandbox-fail": "409" } }))).toMatchObject({
      status: 409,
      body: { error: { code: "nameAlreadyExists" } },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { authorization: null } }))).toMatchObject({
      status: 401,
      body: { error: { code: "InvalidAuthenticationToken", message: "Access token is empty." } },
    });
    const failed = await run("onedrive", "create_folder", { name: "X", sandbox_fail: 429 });
    expect(failed.error).toMatchObject({ status: 429, retryable: true });
    expect(failed.answer).toMatchObject({ status: 429, body: { error: { code: "activityLimitReached" } }, headers: { "retry-after": "1" } });
  });

  it("paypal: token, then 201 order (replayed for the same PayPal-Request-Id); INVALID_REQUEST / UNPROCESSABLE_ENTITY details", async () => {
    const r = await run("paypal", "create_order", { currency_code: "EUR", value: "12.50", description: "Two tickets" });
    const tokens = r.side;
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.url.href).toBe("https://api-m.paypal.com/v1/oauth2/token");
    expect(r.request.url.href).toBe("https://api-m.paypal.com/v2/checkout/orders");
    expect(r.request.headers.get("authorization")).toMatch(/^Bearer A21AA/);
    expect(r.answer).toMatchObject({
      status: 201,
      body: { id: expect.stringMatching(/^[A-Z0-9]{17}$/), status: "CREATED", links: expect.arrayContaining([expect.objectContaining({ rel: "approve" })]) },
    });
    const id = (r.answer.body as { id: string }).id;
    expect(await answerSandboxRequest(r.request)).toMatchObject({ status: 200, body: { id, status: "CREATED" } });
    const fresh = { "paypal-request-id": "other-request" };
    const noIntent = body(r.request);
    delete noIntent.intent;
    expect(await answerSandboxRequest(variant(r.request, { body: noIntent, headers: fresh }))).toMatchObject({
      status: 400,
      body: { name: "INVALID_REQUEST", details: [{ field: "/intent", issue: "MISSING_REQUIRED_PARAMETER", location: "body" }], debug_id: expect.any(String) },
    });
    const precise = body(r.request);
    (precise.purchase_units as { amount: { value: string } }[])[0]!.amount.value = "12.505";
    expect(await answerSandboxRequest(variant(r.request, { body: precise, headers: { "paypal-request-id": "third" } }))).toMatchObject({
      status: 422,
      body: { name: "UNPROCESSABLE_ENTITY", details: [{ field: "/purchase_units/0/amount/value", issue: "DECIMAL_PRECISION" }] },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { authorization: null, ...fresh } }))).toMatchObject({
      status: 401,
      body: { name: "AUTHENTICATION_FAILURE" },
    });
    expect(await answerSandboxRequest(variant(tokens[0]!, { headers: { authorization: null } }))).toEqual({
      status: 401,
      body: { error: "invalid_client", error_description: "Client Authentication failed" },
    });
    const failed = await run("paypal", "create_order", { currency_code: "USD", value: "1", sandbox_fail: 500 });
    expect(failed.error).toMatchObject({ status: 500, retryable: true });
    expect(failed.answer.body).toMatchObject({ name: "INTERNAL_SERVER_ERROR", debug_id: expect.any(String) });
  });

  it("pipedrive: 201 {success, data} person; {success:false, error, error_info}", async () => {
    const r = await run("pipedrive", "create_person", { name: "Ada Lovelace", email: "ada@example.com", phone: "+44 20 7946 0000" });
    expect(r.request.url.href).toBe("https://api.pipedrive.com/v1/persons");
    expect(r.answer).toMatchObject({
      status: 201,
      body: {
        success: true,
        data: {
          id: expect.any(Number),
          name: "Ada Lovelace",
          first_name: "Ada",
          last_name: "Lovelace",
          email: [{ value: "ada@example.com", primary: true }],
          add_time: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        },
      },
    });
    expect(await answerSandboxRequest(variant(r.request, { body: { ...body(r.request), name: " " } }))).toEqual({
      status: 400,
      body: {
        success: false,
        error: "Name must be given.",
        error_info: expect.stringContaining("developers.pipedrive.com"),
        data: null,
        additional_data: null,
      },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { authorization: null } }))).toMatchObject({
      status: 401,
      body: { success: false, error: "unauthorized access", errorCode: 401 },
    });
    const failed = await run("pipedrive", "create_person", { name: "Bo", sandbox_fail: 403 });
    expect(failed.error).toMatchObject({ status: 403, retryable: false });
    expect(failed.answer.body).toMatchObject({ success: false, error: expect.stringContaining("permissions"), data: null });
  });

  it("postmark: 200 {MessageID, ErrorCode: 0}; {ErrorCode, Message} errors", async () => {
    const r = await run("postmark", "send_email", { from: "team@example.com", to: "ada@example.org", subject: "Hi", text_body: "Hello" });
    expect(r.request.url.href).toBe("https://api.postmarkapp.com/email");
    expect(r.request.headers.get("x-postmark-server-token")).toBeTruthy();
    expect(r.answer).toMatchObject({
      status: 200,
      body: { To: "ada@example.org", MessageID: expect.stringMatching(/^[0-9a-f-]{36}$/), ErrorCode: 0, Message: "OK" },
    });
    const noBody = body(r.request);
    delete noBody.TextBody;
    expect(await answerSandboxRequest(variant(r.request, { body: noBody }))).toEqual({
      status: 422,
      body: { ErrorCode: 300, Message: "Provide either email TextBody or HtmlBody or both." },
    });
    expect(await answerSandboxRequest(variant(r.request, { body: { ...body(r.request), MessageStream: "nope" } }))).toMatchObject({
      status: 422,
      body: { ErrorCode: 1235 },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { "x-postmark-server-token": null } }))).toMatchObject({
      status: 401,
      body: { ErrorCode: 10 },
    });
    const failed = await run("postmark", "send_email", { from: "a@b.co", to: "c@d.co", subject: "s", text_body: "t", sandbox_fail: 401 });
    expect(failed.error).toMatchObject({ status: 401, retryable: false });
    expect(failed.answer.body).toMatchObject({ ErrorCode: 10, Message: expect.any(String) });
  });

  it("sendgrid: 202 with X-Message-Id and no body; {errors: [{message, field, help}]}", async () => {
    const r = await run("sendgrid", "send_email", { from: "team@example.com", to: "ada@example.org", subject: "Hi", text: "Hello" });
    expect(r.request.url.href).toBe("https://api.sendgrid.com/v3/mail/send");
    expect(r.answer).toMatchObject({ status: 202, body: "", headers: { "x-message-id": expect.any(String) } });
    expect(r.error).toBeUndefined();
    const broken = body(r.request);
    delete broken.subject;
    (broken.personalizations as { to: { email: string }[] }[])[0]!.to[0]!.email = "not-an-address";
    expect(await answerSandboxRequest(variant(r.request, { body: broken }))).toMatchObject({
      status: 400,
      body: {
        errors: [
          { field: "personalizations.0.to.0.email", message: "Does not contain a valid address.", help: expect.stringContaining("sendgrid.com") },
          { field: "subject", message: expect.stringContaining("The subject is required") },
        ],
      },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { authorization: null } }))).toEqual({
      status: 401,
      body: { errors: [{ message: "authorization required", field: null, help: null }] },
    });
    const failed = await run("sendgrid", "send_email", { from: "a@b.co", to: "c@d.co", subject: "s", text: "t", sandbox_fail: 429 });
    expect(failed.error).toMatchObject({ status: 429, retryable: true });
    expect(failed.answer).toMatchObject({ body: { errors: [{ message: "too many requests", field: null }] }, headers: { "retry-after": "1" } });
  });

  it("shopify: 201 {customer}, 422 {errors: {field: [...]}}, string errors", async () => {
    const email = "ada@example.com";
    const r = await run("shopify", "create_customer", { email, first_name: "Ada", last_name: "Lovelace", tags: "vip" });
    expect(r.request.url.href).toBe("https://sandbox-shop.myshopify.com/admin/api/2024-10/customers.json");
    expect(r.request.headers.get("x-shopify-access-token")).toBeTruthy();
    expect(r.answer).toMatchObject({
      status: 201,
      body: {
        customer: {
          id: expect.any(Number),
          email,
          first_name: "Ada",
          tags: "vip",
          state: "disabled",
          admin_graphql_api_id: expect.stringMatching(/^gid:\/\/shopify\/Customer\/\d+$/),
        },
      },
    });
    expect((await answerSandboxRequest(r.request)).status).toBe(201);
    expect(await answerSandboxRequest(variant(r.request, { headers: { "x-sandbox-fail": "422" } }))).toMatchObject({
      status: 422,
      body: { errors: { email: ["has already been taken"] } },
    });
    expect(await answerSandboxRequest(variant(r.request, { body: { customer: { email: "nope" } } }))).toEqual({
      status: 422,
      body: { errors: { email: ["is invalid"] } },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { "x-shopify-access-token": null } }))).toEqual({
      status: 401,
      body: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" },
    });
    const failed = await run("shopify", "create_customer", { email: "x@example.com", sandbox_fail: 429 });
    expect(failed.answer).toMatchObject({
      status: 429,
      body: { errors: expect.stringContaining("Exceeded 2 calls per second") },
      headers: { "retry-after": "1" },
    });
  });

  it("square: 200 {customer} (same idempotency_key → same customer); {errors: [{category, code, detail, field}]}", async () => {
    const r = await run("square", "create_customer", { given_name: "Ada", email_address: "ada@example.com" });
    expect(r.request.url.href).toBe("https://connect.squareup.com/v2/customers");
    expect(r.request.headers.get("square-version")).toBe("2024-10-17");
    expect(body(r.request).idempotency_key).toEqual(expect.any(String));
    expect(r.answer).toMatchObject({
      status: 200,
      body: {
        customer: {
          id: expect.stringMatching(/^[A-Z0-9]{26}$/),
          given_name: "Ada",
          email_address: "ada@example.com",
          creation_source: "THIRD_PARTY",
          version: 0,
        },
      },
    });
    expect(await answerSandboxRequest(r.request)).toEqual(r.answer);
    expect(await answerSandboxRequest(variant(r.request, { body: { ...body(r.request), given_name: "Bo" } }))).toMatchObject({
      status: 400,
      body: { errors: [{ category: "INVALID_REQUEST_ERROR", code: "IDEMPOTENCY_KEY_REUSED", field: "idempotency_key" }] },
    });
    expect(await answerSandboxRequest(variant(r.request, { body: { idempotency_key: "k-2", email_address: "nope" } }))).toEqual({
      status: 400,
      body: { errors: [{ category: "INVALID_REQUEST_ERROR", code: "INVALID_EMAIL_ADDRESS", detail: expect.any(String), field: "email_address" }] },
    });
    expect(await answerSandboxRequest(variant(r.request, { body: { idempotency_key: "k-3" } }))).toMatchObject({
      status: 400,
      body: { errors: [{ category: "INVALID_REQUEST_ERROR", code: "BAD_REQUEST" }] },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { authorization: null } }))).toMatchObject({
      status: 401,
      body: { errors: [{ category: "AUTHENTICATION_ERROR", code: "UNAUTHORIZED" }] },
    });
    const failed = await run("square", "create_customer", { family_name: "B", sandbox_fail: 429 });
    expect(failed.error).toMatchObject({ status: 429, retryable: true });
    expect(failed.answer.body).toMatchObject({ errors: [{ category: "RATE_LIMIT_ERROR", code: "RATE_LIMITED" }] });
  });

  it("stripe: form-encoded customer create, Idempotency-Key replay; {error: {type, code, message, param}}", async () => {
    const r = await run("stripe", "create_customer", { email: "ada@example.com", name: "Ada", metadata: { plan: "pro" } });
    expect(r.request.url.href).toBe("https://api.stripe.com/v1/customers");
    expect(r.request.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(r.request.body).toEqual({ email: "ada@example.com", name: "Ada", "metadata[plan]": "pro" });
    expect(r.answer).toMatchObject({
      status: 200,
      body: {
        id: expect.stringMatching(/^cus_\w{14}$/),
        object: "customer",
        email: "ada@example.com",
        name: "Ada",
        metadata: { plan: "pro" },
        livemode: false,
      },
    });
    const replay = await answerSandboxRequest(r.request);
    expect(replay.body).toEqual(r.answer.body);
    expect(replay.headers).toMatchObject({ "idempotent-replayed": "true" });
    expect(await answerSandboxRequest(variant(r.request, { body: { email: "other@example.com" } }))).toMatchObject({
      status: 400,
      body: { error: { type: "idempotency_error" } },
    });
    expect(await answerSandboxRequest(variant(r.request, { body: { email: "nope" }, headers: { "idempotency-key": "k-2" } }))).toMatchObject({
      status: 400,
      body: { error: { type: "invalid_request_error", code: "email_invalid", param: "email", message: "Invalid email address: nope" } },
    });
    expect(await answerSandboxRequest(variant(r.request, { body: { colour: "red" }, headers: { "idempotency-key": "k-3" } }))).toMatchObject({
      status: 400,
      body: { error: { code: "parameter_unknown", param: "colour" } },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { authorization: null } }))).toMatchObject({
      status: 401,
      body: { error: { type: "invalid_request_error", message: expect.stringContaining("You did not provide an API key") } },
    });
    const failed = await run("stripe", "create_customer", { name: "B", sandbox_fail: 402 });
    expect(failed.error).toMatchObject({ status: 402, retryable: false });
    expect(failed.answer.body).toMatchObject({ error: { type: "card_error", code: "card_declined", message: expect.any(String) } });
  });

  it("tableau: PAT sign-in, then 202 {job}; {error: {summary, detail, code}}", async () => {
    const datasource = "6a1f6e3c-8a4b-4c1e-9f8d-2b7c5e4d3a21";
    const r = await run("tableau", "refresh_datasource", { datasource_id: datasource });
    const signins = r.side;
    expect(signins).toHaveLength(1);
    expect(signins[0]?.url.href).toBe("https://sandbox-pod.online.tableau.com/api/3.22/auth/signin");
    expect(r.request.url.pathname).toMatch(new RegExp(`^/api/3\\.22/sites/[0-9a-f-]{36}/datasources/${datasource}/refresh$`));
    expect(r.request.headers.get("x-tableau-auth")).toBeTruthy();
    expect(r.answer).toMatchObject({
      status: 202,
      body: { job: { id: expect.any(String), mode: "Asynchronous", type: "RefreshExtract", extractRefreshJob: { datasource: { id: datasource } } } },
    });
    expect((await answerSandboxRequest(r.request)).status).toBe(202);
    expect(await answerSandboxRequest(variant(r.request, { headers: { "x-sandbox-fail": "409" } }))).toMatchObject({
      status: 409,
      body: { error: { code: "409093", summary: "Resource Conflict" } },
    });
    expect(await answerSandboxRequest(variant(r.request, { url: r.request.url.href.replace(datasource, "not-a-luid") }))).toMatchObject({
      status: 404,
      body: { error: { code: "404011", detail: expect.stringContaining("not-a-luid") } },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { "x-tableau-auth": "forged" } }))).toMatchObject({
      status: 401,
      body: { error: { code: "401002", summary: "Unauthorized Access" } },
    });
    const noSecret = clone(signins[0]!.body) as { credentials: Record<string, unknown> };
    noSecret.credentials.personalAccessTokenSecret = "";
    expect(await answerSandboxRequest(variant(signins[0]!, { body: noSecret }))).toMatchObject({
      status: 401,
      body: { error: { code: "401001", summary: "Signin Error" } },
    });
    const failed = await run("tableau", "refresh_datasource", { datasource_id: "0b1f6e3c-8a4b-4c1e-9f8d-2b7c5e4d3a22", sandbox_fail: 503 });
    expect(failed.error).toMatchObject({ status: 503, retryable: true });
    expect(failed.answer.body).toMatchObject({ error: { code: "503000", summary: "Service Unavailable" } });
  });

  it("telegram: token in the path, 200 {ok, result: Message}; {ok:false, error_code, description}", async () => {
    const r = await run("telegram", "send_message", { chat_id: -1001234567890, text: "Deployed" });
    expect(r.request.url.href).toBe("https://api.telegram.org/botsandbox-bot_token/sendMessage");
    expect(r.answer).toMatchObject({
      status: 200,
      body: {
        ok: true,
        result: {
          message_id: expect.any(Number),
          from: { is_bot: true },
          chat: { id: -1001234567890, type: "supergroup" },
          date: expect.any(Number),
          text: "Deployed",
        },
      },
    });
    expect(await answerSandboxRequest(variant(r.request, { body: { ...body(r.request), text: " " } }))).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: "Bad Request: message text is empty" },
    });
    expect(await answerSandboxRequest(variant(r.request, { body: { ...body(r.request), chat_id: "not a chat" } }))).toMatchObject({
      body: { ok: false, description: "Bad Request: chat not found" },
    });
    expect(await answerSandboxRequest(variant(r.request, { url: "https://api.telegram.org/bot/sendMessage" }))).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: "Not Found" },
    });
    expect(await answerSandboxRequest(variant(r.request, { url: "https://api.telegram.org/bot12%20x/sendMessage" }))).toMatchObject({
      status: 401,
      body: { ok: false, error_code: 401, description: "Unauthorized" },
    });
    const failed = await run("telegram", "send_message", { chat_id: "@sandbox_channel", text: "x", sandbox_fail: 429 });
    expect(failed.error).toMatchObject({ status: 429, retryable: true });
    expect(failed.answer).toMatchObject({
      body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
      headers: { "retry-after": "1" },
    });
  });

  it("trello: OAuth header key/token, 200 card; plain-text errors, JSON rate limit", async () => {
    const list = "5abbe4b7ddc1b351ef961414";
    const r = await run("trello", "create_card", { list_id: list, name: "Call Ada back", desc: "About the invoice", due: "2026-12-24T10:00:00Z" });
    expect(r.request.url.href).toBe("https://api.trello.com/1/cards");
    expect(r.request.headers.get("authorization")).toMatch(/^OAuth oauth_consumer_key="[^"]+", oauth_token="[^"]+"$/);
    expect(r.answer).toMatchObject({
      status: 200,
      body: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        idList: list,
        idBoard: expect.stringMatching(/^[0-9a-f]{24}$/),
        name: "Call Ada back",
        desc: "About the invoice",
        due: "2026-12-24T10:00:00.000Z",
        shortUrl: expect.stringMatching(/^https:\/\/trello\.com\/c\/\w{8}$/),
        url: expect.stringMatching(/-call-ada-back$/),
      },
    });
    expect(await answerSandboxRequest(variant(r.request, { body: { ...body(r.request), idList: "abc" } }))).toEqual({
      status: 400,
      body: "invalid value for idList",
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { authorization: null } }))).toEqual({ status: 401, body: "invalid key" });
    expect(await answerSandboxRequest(variant(r.request, { headers: { authorization: 'OAuth oauth_consumer_key="k"' } }))).toEqual({
      status: 401,
      body: "unauthorized permission requested",
    });
    const failed = await run("trello", "create_card", { list_id: list, name: "x", sandbox_fail: 429 });
    expect(failed.error).toMatchObject({ status: 429, retryable: true });
    expect(failed.answer).toMatchObject({ body: { error: "API_TOKEN_LIMIT_EXCEEDED", message: "Rate limit exceeded" }, headers: { "retry-after": "1" } });
  });

  it("twilio: form-encoded, Basic auth, account sid in the path; 201 Message; {code, message, more_info, status}", async () => {
    const r = await run("twilio", "send_sms", { to: "+14155550100", from: "+14155550199", body: "Your code is 123456" });
    expect(r.request.url.href).toBe("https://api.twilio.com/2010-04-01/Accounts/sandbox-account_sid/Messages.json");
    expect(r.request.body).toEqual({ To: "+14155550100", From: "+14155550199", Body: "Your code is 123456" });
    expect(r.request.headers.get("i-twilio-idempotency-token")).toBeTruthy();
    expect(r.answer).toMatchObject({
      status: 201,
      body: {
        sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
        account_sid: "sandbox-account_sid",
        to: "+14155550100",
        status: "queued",
        direction: "outbound-api",
        num_segments: "1",
        date_created: expect.stringMatching(/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000$/),
      },
    });
    expect(await answerSandboxRequest(variant(r.request, { body: { ...(r.request.body as object), To: "555" } }))).toEqual({
      status: 400,
      body: { code: 21211, message: "Invalid 'To' Phone Number: 555", more_info: "https://www.twilio.com/docs/errors/21211", status: 400 },
    });
    expect(await answerSandboxRequest(variant(r.request, { body: { To: "+14155550100", From: "+14155550199" } }))).toMatchObject({
      status: 400,
      body: { code: 21602 },
    });
    expect(await answerSandboxRequest(variant(r.request, { url: r.request.url.href.replace("sandbox-account_sid", "AC0000") }))).toMatchObject({
      status: 401,
      body: { code: 20003, message: "Authenticate" },
    });
    const failed = await run("twilio", "send_sms", { to: "+14155550100", from: "+14155550199", body: "x", sandbox_fail: 500 });
    expect(failed.error).toMatchObject({ status: 500, retryable: true });
    expect(failed.answer.body).toMatchObject({ code: 20500, status: 500, more_info: "https://www.twilio.com/docs/errors/20500" });
  });

  it("webex: 200 message; {message, errors: [{description}], trackingId}", async () => {
    const roomId = Buffer.from("ciscospark://us/ROOM/bc9a1c10-1f5b-11ee-9e6f-0b3b3bd3a2f1").toString("base64url");
    const r = await run("webex", "send_message", { room_id: roomId, text: "Build green", markdown: "**Build** green" });
    expect(r.request.url.href).toBe("https://webexapis.com/v1/messages");
    expect(r.answer).toMatchObject({
      status: 200,
      body: {
        id: expect.any(String),
        roomId,
        roomType: "group",
        text: "Build green",
        markdown: "**Build** green",
        personEmail: expect.any(String),
        created: expect.any(String),
      },
    });
    expect(Buffer.from((r.answer.body as { id: string }).id, "base64url").toString()).toMatch(/^ciscospark:\/\/us\/MESSAGE\//);
    expect(await answerSandboxRequest(variant(r.request, { body: { roomId } }))).toMatchObject({
      status: 400,
      body: {
        message: "Either text, markdown, files or attachments must be specified.",
        errors: [{ description: expect.any(String) }],
        trackingId: expect.any(String),
      },
    });
    expect(await answerSandboxRequest(variant(r.request, { body: { roomId: "room-1", text: "x" } }))).toMatchObject({
      status: 404,
      body: { message: "Could not find a room with provided ID." },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { authorization: null } }))).toMatchObject({
      status: 401,
      body: { trackingId: expect.any(String) },
    });
    const failed = await run("webex", "send_message", { room_id: roomId, text: "x", sandbox_fail: 429 });
    expect(failed.answer).toMatchObject({ status: 429, body: { message: expect.stringContaining("rate limited") }, headers: { "retry-after": "1" } });
  });

  it("zoom: 201 meeting; {code, message, errors}", async () => {
    const r = await run("zoom", "create_meeting", { topic: "Weekly sync", start_time: "2026-12-08T09:00:00Z", duration: 45 });
    expect(r.request.url.href).toBe("https://api.zoom.us/v2/users/me/meetings");
    expect(r.answer).toMatchObject({
      status: 201,
      body: {
        id: expect.any(Number),
        topic: "Weekly sync",
        type: 2,
        status: "waiting",
        start_time: "2026-12-08T09:00:00Z",
        duration: 45,
        join_url: expect.stringMatching(/^https:\/\/us05web\.zoom\.us\/j\/\d{11}\?pwd=/),
      },
    });
    expect(String((r.answer.body as { id: number }).id)).toMatch(/^\d{11}$/);
    expect(await answerSandboxRequest(variant(r.request, { body: { ...body(r.request), type: 5, duration: -1 } }))).toEqual({
      status: 400,
      body: {
        code: 300,
        message: "Validation Failed.",
        errors: [
          { field: "type", message: "Invalid field." },
          { field: "duration", message: "Invalid field." },
        ],
      },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { authorization: null } }))).toEqual({
      status: 401,
      body: { code: 124, message: "Invalid access token." },
    });
    const failed = await run("zoom", "create_meeting", { topic: "x", sandbox_fail: 404 });
    expect(failed.error).toMatchObject({ status: 404, retryable: false });
    expect(failed.answer.body).toMatchObject({ code: 1001 });
  });
});
