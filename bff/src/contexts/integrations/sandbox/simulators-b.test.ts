/**
 * Simulators of group B (gitlab … notion). Each success case runs the provider's real action
 * through `invokeAction` in a test execution, so the request the simulator answers is the one the
 * action builds (base URL, path, authorisation, body): if the action and the simulator disagree,
 * the test fails. Nothing of ours is replaced: the exchange is recorded in `sandbox_requests` (real
 * PostgreSQL) as in a test execution, and the test reads the request and answer back from that
 * table. Validation errors send that request with a field removed or spoiled; errors on demand go
 * through `sandbox_fail` in the step's config, as a developer asks for them.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bindAppDatabase } from "../../../kernel/app-database";
import { type Harness, openHarness } from "../../../testing/harness";
import { listActions } from "../actions";
import "../providers";
import { answerSandboxRequest } from "./index";
import { runInSandbox, type SandboxRun, variantOf } from "../testing/sandbox-runs";

let h: Harness;
let workspaceId: string;
let steps = 0;
beforeAll(async () => {
  h = await openHarness();
  // callProvider hands each call to exchangeWithSandbox, which records it in sandbox_requests (real PostgreSQL)
  bindAppDatabase(h.handles.db);
  workspaceId = h.acmeId;
  // a test execution never reaches the network
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
    throw new Error(`left the sandbox: fetch ${input instanceof Request ? input.url : String(input)}`);
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await h.close();
});

/** Runs `provider.action` in a test execution; answers the request the simulator got, its answer and the step's outcome. */
const run = (provider: string, action: string, input: Record<string, unknown>): Promise<SandboxRun> =>
  runInSandbox(h, workspaceId, `step_b_${++steps}`, provider, action, input);
const variant = variantOf;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const GROUP_B = [
  "gitlab",
  "gmail",
  "google_drive",
  "google_meet",
  "height",
  "hubspot",
  "intercom",
  "linear",
  "mailchimp",
  "mattermost",
  "metabase",
  "microsoft_teams",
  "monday",
  "notion",
];

describe("group B catalogue examples", () => {
  it.each(
    listActions()
      .filter((a) => GROUP_B.includes(a.provider))
      .map((a) => [`${a.provider}.${a.action}`, a] as const),
  )("%s: its example input gets a 2xx answer the action accepts", async (_name, a) => {
    expect(a.example).toBeDefined();
    const r = await run(a.provider, a.action, a.example as Record<string, unknown>);
    expect(r.error).toBeUndefined();
    expect(r.answer.status).toBeGreaterThanOrEqual(200);
    expect(r.answer.status).toBeLessThan(300);
  });

  it("covers every group B provider", () => {
    for (const p of GROUP_B) expect(listActions().some((a) => a.provider === p)).toBe(true);
  });
});

describe("gitlab: POST /api/v4/projects/:id/issues", () => {
  it("creates an issue: iid and references, labels split from the string", async () => {
    const r = await run("gitlab", "create_issue", { project: "acme/web", title: "Broken login", description: "Steps…", labels: "bug, p1" });
    expect(r.request.url.toString()).toBe("https://gitlab.com/api/v4/projects/acme%2Fweb/issues");
    expect(r.answer).toMatchObject({
      status: 201,
      body: {
        id: expect.any(Number),
        iid: expect.any(Number),
        title: "Broken login",
        description: "Steps…",
        state: "opened",
        labels: ["bug", "p1"],
        web_url: expect.stringMatching(/^https:\/\/gitlab\.com\/acme\/web\/-\/issues\/\d+$/),
      },
    });
    const body = r.answer.body as { iid: number; references: unknown };
    expect(body.references).toEqual({ short: `#${body.iid}`, relative: `#${body.iid}`, full: `acme/web#${body.iid}` });
    expect(r.output).toEqual(r.answer.body);
  });

  it("answers GitLab's 400 for a missing title and 401 without a token", async () => {
    const { request } = await run("gitlab", "create_issue", { project: "42", title: "x" });
    expect(await answerSandboxRequest(variant(request, { body: { description: "no title" } }))).toEqual({ status: 400, body: { error: "title is missing" } });
    expect(await answerSandboxRequest(variant(request, { headers: { authorization: null } }))).toEqual({ status: 401, body: { message: "401 Unauthorized" } });
  });

  it("errors on demand: 404 message, 429 plain text with Retry-After", async () => {
    const nf = await run("gitlab", "create_issue", { project: "42", title: "x", sandbox_fail: 404 });
    expect(nf.answer).toEqual({ status: 404, body: { message: "404 Not Found" } });
    expect(nf.error).toMatchObject({ retryable: false, status: 404 });
    const limited = await run("gitlab", "create_issue", { project: "42", title: "x", sandbox_fail: 429 });
    expect(limited.answer).toEqual({ status: 429, body: "Retry later", headers: { "retry-after": "1" } });
    expect(limited.error).toMatchObject({ retryable: true, status: 429 });
  });
});

describe("gmail: POST /gmail/v1/users/me/messages/send", () => {
  it("sends the action's RFC 2822 message: {id, threadId, labelIds: [SENT]}", async () => {
    const r = await run("gmail", "send_email", { to: "ada@example.test", subject: "Hello", body: "Hi Ada" });
    expect(r.request.url.toString()).toBe("https://gmail.googleapis.com/gmail/v1/users/me/messages/send");
    expect(r.answer).toEqual({
      status: 200,
      body: { id: expect.stringMatching(/^[0-9a-f]{16}$/), threadId: expect.stringMatching(/^[0-9a-f]{16}$/), labelIds: ["SENT"] },
    });
  });

  it("answers Google's 400 for a message with no recipient and for a missing raw", async () => {
    const { request } = await run("gmail", "send_email", { to: "ada@example.test", subject: "Hello", body: "Hi" });
    const noTo = Buffer.from("Subject: x\r\n\r\nbody").toString("base64url");
    expect(await answerSandboxRequest(variant(request, { body: { raw: noTo } }))).toEqual({
      status: 400,
      body: {
        error: {
          code: 400,
          message: "Recipient address required",
          errors: [{ message: "Recipient address required", domain: "global", reason: "invalidArgument" }],
          status: "INVALID_ARGUMENT",
        },
      },
    });
    expect(await answerSandboxRequest(variant(request, { body: {} }))).toMatchObject({ status: 400, body: { error: { status: "INVALID_ARGUMENT" } } });
    expect(await answerSandboxRequest(variant(request, { headers: { authorization: null } }))).toMatchObject({
      status: 401,
      body: { error: { code: 401, status: "UNAUTHENTICATED", errors: [{ reason: "required", location: "Authorization" }] } },
    });
  });

  it("errors on demand: 429 userRateLimitExceeded", async () => {
    const r = await run("gmail", "send_email", { to: "ada@example.test", subject: "Hello", body: "Hi", sandbox_fail: 429 });
    expect(r.answer).toMatchObject({
      status: 429,
      body: { error: { code: 429, status: "RESOURCE_EXHAUSTED", errors: [{ reason: "userRateLimitExceeded" }] } },
      headers: { "retry-after": "1" },
    });
    expect(r.error?.retryable).toBe(true);
  });
});

describe("google_drive: POST /drive/v3/files", () => {
  it("creates the folder: {kind: drive#file, id, name, mimeType}", async () => {
    const r = await run("google_drive", "create_folder", { name: "Contracts", parent_id: "1AbCdEfGhIjKlMnOpQrStUvWxYz012345" });
    expect(r.request.url.toString()).toBe("https://www.googleapis.com/drive/v3/files");
    expect(r.answer).toEqual({
      status: 200,
      body: { kind: "drive#file", id: expect.stringMatching(/^1[A-Za-z0-9_-]{32}$/), name: "Contracts", mimeType: "application/vnd.google-apps.folder" },
    });
  });

  it("answers Drive's 404 notFound for an unknown parent and 403 for a second parent", async () => {
    const r = await run("google_drive", "create_folder", { name: "Contracts", parent_id: "bad id" });
    expect(r.answer).toEqual({
      status: 404,
      body: {
        error: {
          code: 404,
          message: "File not found: bad id.",
          errors: [{ message: "File not found: bad id.", domain: "global", reason: "notFound", location: "fileId", locationType: "parameter" }],
        },
      },
    });
    expect(r.error).toMatchObject({ retryable: false, status: 404 });
    const two = clone(r.request.body) as Record<string, unknown>;
    two.parents = ["root", "1AbCdEfGhIjKlMnOpQrStUvWxYz012345"];
    expect(await answerSandboxRequest(variant(r.request, { body: two }))).toMatchObject({
      status: 403,
      body: { error: { errors: [{ reason: "cannotAddParent" }] } },
    });
  });

  it("errors on demand: 500 backendError", async () => {
    const r = await run("google_drive", "create_folder", { name: "x", sandbox_fail: 500 });
    expect(r.answer).toMatchObject({ status: 500, body: { error: { code: 500, errors: [{ reason: "backendError" }] } } });
    expect(r.error?.retryable).toBe(true);
  });
});

describe("google_meet: POST /v2/spaces", () => {
  it("creates a space: spaces/<id>, meeting code and URI, the access type asked for", async () => {
    const r = await run("google_meet", "create_space", { access_type: "OPEN" });
    expect(r.request.url.toString()).toBe("https://meet.googleapis.com/v2/spaces");
    expect(r.answer).toEqual({
      status: 200,
      body: {
        name: expect.stringMatching(/^spaces\/[A-Za-z0-9]{12}$/),
        meetingCode: expect.stringMatching(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/),
        meetingUri: expect.stringMatching(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/),
        config: { accessType: "OPEN", entryPointAccess: "ALL" },
      },
    });
    const body = r.answer.body as { meetingCode: string; meetingUri: string };
    expect(body.meetingUri).toBe(`https://meet.google.com/${body.meetingCode}`);
  });

  it("answers 400 INVALID_ARGUMENT with a field violation for an unknown access type", async () => {
    const { request } = await run("google_meet", "create_space", {});
    const a = await answerSandboxRequest(variant(request, { body: { config: { accessType: "PUBLIC" } } }));
    expect(a).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 400,
          status: "INVALID_ARGUMENT",
          details: [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field: "space.config.access_type" }] }],
        },
      },
    });
  });

  it("errors on demand: 403 PERMISSION_DENIED", async () => {
    const r = await run("google_meet", "create_space", { sandbox_fail: 403 });
    expect(r.answer).toEqual({ status: 403, body: { error: { code: 403, message: "forbidden (sandbox_fail)", status: "PERMISSION_DENIED" } } });
  });
});

describe("height: POST /tasks", () => {
  const list = "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  it("creates a task: UUID id, index, listIds, backLog, authorised with api-key", async () => {
    const r = await run("height", "create_task", { name: "Call Ada", list_ids: [list], description: "about the renewal" });
    expect(r.request.url.toString()).toBe("https://api.height.app/tasks");
    expect(r.request.headers.get("authorization")).toMatch(/^api-key /);
    expect(r.answer).toMatchObject({
      status: 200,
      body: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        model: "task",
        index: expect.any(Number),
        listIds: [list],
        name: "Call Ada",
        description: "about the renewal",
        status: "backLog",
      },
    });
  });

  it("answers 400 without a name, 404 for a list id that is no UUID, 401 for a Bearer token", async () => {
    const { request } = await run("height", "create_task", { name: "x", list_ids: [list] });
    expect(await answerSandboxRequest(variant(request, { body: { listIds: [list] } }))).toEqual({
      status: 400,
      body: { error: { message: "name is required" } },
    });
    const r = await run("height", "create_task", { name: "x", list_ids: ["inbox"] });
    expect(r.answer).toEqual({ status: 404, body: { error: { message: "List not found: inbox" } } });
    expect(r.error).toMatchObject({ retryable: false, status: 404 });
    expect((await answerSandboxRequest(variant(request, { headers: { authorization: "Bearer x" } }))).status).toBe(401);
  });

  it("errors on demand: 429 with Retry-After, retried", async () => {
    const r = await run("height", "create_task", { name: "x", list_ids: [list], sandbox_fail: 429 });
    expect(r.answer).toEqual({ status: 429, body: { error: { message: "rate limited (sandbox_fail)" } }, headers: { "retry-after": "1" } });
    expect(r.error?.retryable).toBe(true);
  });
});

describe("hubspot: POST /crm/v3/objects/contacts", () => {
  it("creates a contact: numeric string id, the properties sent plus HubSpot's own", async () => {
    const r = await run("hubspot", "create_contact", { email: "ada@example.test", firstname: "Ada", company: "Analytical" });
    expect(r.request.url.toString()).toBe("https://api.hubapi.com/crm/v3/objects/contacts");
    expect(r.answer).toMatchObject({
      status: 201,
      body: {
        id: expect.stringMatching(/^\d+$/),
        properties: {
          email: "ada@example.test",
          firstname: "Ada",
          company: "Analytical",
          createdate: expect.any(String),
          hs_object_id: expect.stringMatching(/^\d+$/),
        },
        archived: false,
      },
    });
  });

  it("answers 400 VALIDATION_ERROR for an invalid email and an unknown property, 401 without a token", async () => {
    const { request } = await run("hubspot", "create_contact", { email: "ada@example.test" });
    const bad = await answerSandboxRequest(variant(request, { body: { properties: { email: "not-an-email", "Favourite Colour": "blue" } } }));
    expect(bad).toMatchObject({ status: 400, body: { status: "error", category: "VALIDATION_ERROR", correlationId: expect.any(String) } });
    const message = (bad.body as { message: string }).message;
    expect(message).toMatch(/^Property values were not valid: /);
    expect(JSON.parse(message.replace(/^Property values were not valid: /, ""))).toEqual([
      { isValid: false, message: 'Property "Favourite Colour" does not exist', error: "PROPERTY_DOESNT_EXIST", name: "Favourite Colour" },
      { isValid: false, message: "Email address not-an-email is invalid", error: "INVALID_EMAIL", name: "email" },
    ]);
    expect(await answerSandboxRequest(variant(request, { headers: { authorization: null } }))).toMatchObject({
      status: 401,
      body: { status: "error", category: "INVALID_AUTHENTICATION" },
    });
  });

  it("errors on demand: 409 CONFLICT, 429 RATE_LIMIT", async () => {
    const conflict = await run("hubspot", "create_contact", { email: "ada@example.test", sandbox_fail: 409 });
    expect(conflict.answer).toMatchObject({ status: 409, body: { status: "error", category: "CONFLICT", message: "conflict (sandbox_fail)" } });
    const limited = await run("hubspot", "create_contact", { email: "ada@example.test", sandbox_fail: 429 });
    expect(limited.answer).toMatchObject({ status: 429, body: { errorType: "RATE_LIMIT", policyName: "SECONDLY" }, headers: { "retry-after": "1" } });
  });
});

describe("intercom: POST /contacts", () => {
  it("creates a contact: 24-hex id, role, Unix timestamps, sent with Intercom-Version", async () => {
    const r = await run("intercom", "create_contact", { email: "ada@example.test", name: "Ada", external_id: "u-1" });
    expect(r.request.url.toString()).toBe("https://api.intercom.io/contacts");
    expect(r.request.headers.get("intercom-version")).toBe("2.11");
    expect(r.answer).toMatchObject({
      status: 200,
      body: {
        type: "contact",
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        role: "user",
        email: "ada@example.test",
        name: "Ada",
        external_id: "u-1",
        created_at: expect.any(Number),
      },
    });
  });

  it("answers an error.list: 400 parameter_invalid for a bad role, 401 unauthorized", async () => {
    const { request } = await run("intercom", "create_contact", { email: "ada@example.test" });
    expect(await answerSandboxRequest(variant(request, { body: { email: "ada@example.test", role: "admin" } }))).toMatchObject({
      status: 400,
      body: { type: "error.list", request_id: expect.any(String), errors: [{ code: "parameter_invalid", field: "role" }] },
    });
    expect(await answerSandboxRequest(variant(request, { headers: { authorization: null } }))).toMatchObject({
      status: 401,
      body: { type: "error.list", errors: [{ code: "unauthorized", message: "Access Token Invalid" }] },
    });
  });

  it("errors on demand: 409 conflict", async () => {
    const r = await run("intercom", "create_contact", { email: "ada@example.test", sandbox_fail: 409 });
    expect(r.answer).toMatchObject({ status: 409, body: { type: "error.list", errors: [{ code: "conflict" }] } });
    expect(r.error).toMatchObject({ retryable: false, status: 409 });
  });
});

describe("linear: POST /graphql issueCreate", () => {
  const team = "9cfb482a-81e3-4154-b5b9-2c805e70a02d";
  it("creates an issue: exactly the fields the action's query selects", async () => {
    const r = await run("linear", "create_issue", { team_id: team, title: "Fix the login", description: "It is broken" });
    expect(r.request.url.toString()).toBe("https://api.linear.app/graphql");
    expect(r.answer).toEqual({
      status: 200,
      body: {
        data: {
          issueCreate: {
            success: true,
            issue: {
              id: expect.stringMatching(/^[0-9a-f-]{36}$/),
              identifier: expect.stringMatching(/^SBX-\d+$/),
              url: expect.stringMatching(/^https:\/\/linear\.app\/sandbox\/issue\/SBX-\d+\/fix-the-login$/),
            },
          },
        },
      },
    });
  });

  it("answers GraphQL errors with 400: a team id that is no UUID, no authentication", async () => {
    const r = await run("linear", "create_issue", { team_id: "ENG", title: "x" });
    expect(r.answer).toMatchObject({
      status: 400,
      body: {
        errors: [
          {
            message: "Argument Validation Error",
            extensions: { type: "invalid input", code: "INVALID_INPUT", userPresentableMessage: "teamId must be a UUID." },
          },
        ],
      },
    });
    expect(r.error).toMatchObject({ retryable: false, status: 400 });
    expect(await answerSandboxRequest(variant(r.request, { headers: { authorization: null } }))).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: "AUTHENTICATION_ERROR" } }] },
    });
  });

  it("errors on demand: 429 RATELIMITED", async () => {
    const r = await run("linear", "create_issue", { team_id: team, title: "x", sandbox_fail: 429 });
    expect(r.answer).toMatchObject({
      status: 429,
      body: { errors: [{ extensions: { code: "RATELIMITED", type: "ratelimited" } }] },
      headers: { "retry-after": "1" },
    });
  });
});

describe("mailchimp: POST /3.0/lists/:list_id/members", () => {
  const list = "a1b2c3d4e5";
  it("adds a member: id is the MD5 of the lower-cased address, Basic auth with the API key", async () => {
    const r = await run("mailchimp", "add_member", { list_id: list, email: "Ada@Example.test", status: "subscribed" });
    expect(r.request.url.toString()).toBe(`https://sandbox-dc.api.mailchimp.com/3.0/lists/${list}/members`);
    expect(r.request.headers.get("authorization")).toMatch(/^Basic /);
    expect(r.answer).toMatchObject({
      status: 200,
      body: { id: expect.stringMatching(/^[0-9a-f]{32}$/), email_address: "Ada@Example.test", status: "subscribed", list_id: list },
    });
    expect((r.answer.body as { id: string }).id).toBe(createHash("md5").update("ada@example.test").digest("hex"));
  });

  it("answers problem documents: 404 for an unknown audience, 400 Invalid Resource with errors[], 401 for a key of another data centre", async () => {
    const r = await run("mailchimp", "add_member", { list_id: "L1", email: "ada@example.test" });
    expect(r.answer).toMatchObject({
      status: 404,
      body: { title: "Resource Not Found", status: 404, type: expect.stringContaining("mailchimp.com"), instance: expect.any(String) },
    });
    const ok = await run("mailchimp", "add_member", { list_id: list, email: "ada@example.test" });
    expect(await answerSandboxRequest(variant(ok.request, { body: { email_address: "ada@example.test", status: "maybe" } }))).toMatchObject({
      status: 400,
      body: { title: "Invalid Resource", errors: [{ field: "status" }] },
    });
    const otherDc = variant(ok.request, {
      url: `https://us21.api.mailchimp.com/3.0/lists/${list}/members`,
      headers: { authorization: `Basic ${Buffer.from("anystring:0123abc-us6").toString("base64")}` },
    });
    expect(await answerSandboxRequest(otherDc)).toMatchObject({ status: 401, body: { title: "API Key Invalid" } });
  });

  it("errors on demand: 429 Too Many Requests", async () => {
    const r = await run("mailchimp", "add_member", { list_id: list, email: "ada@example.test", sandbox_fail: 429 });
    expect(r.answer).toMatchObject({ status: 429, body: { title: "Too Many Requests", status: 429 }, headers: { "retry-after": "1" } });
    expect(r.error?.retryable).toBe(true);
  });
});

describe("mattermost: POST {server}/api/v4/posts", () => {
  const channel = "4xp9fdt77pncbef59f4k1qe83o";
  it("creates a post: 26-character id, millisecond timestamps", async () => {
    const r = await run("mattermost", "send_message", { channel_id: channel, message: "Deploy done #release" });
    expect(r.request.url.toString()).toBe("https://server.sandbox.invalid/api/v4/posts");
    expect(r.answer).toMatchObject({
      status: 201,
      body: {
        id: expect.stringMatching(/^[a-z0-9]{26}$/),
        channel_id: channel,
        message: "Deploy done #release",
        create_at: expect.any(Number),
        type: "",
        hashtags: "#release",
      },
    });
  });

  it("answers AppErrors: 400 for a channel id that is no Mattermost id, 401 without a token", async () => {
    const r = await run("mattermost", "send_message", { channel_id: "town-square", message: "hi" });
    expect(r.answer).toMatchObject({
      status: 400,
      body: {
        id: "api.context.invalid_body_param.app_error",
        message: "Invalid or missing channel_id in request body.",
        status_code: 400,
        request_id: expect.any(String),
      },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { authorization: null } }))).toMatchObject({
      status: 401,
      body: { id: "api.context.session_expired.app_error", message: "Invalid or expired session, please login again.", detailed_error: "", status_code: 401 },
    });
  });

  it("errors on demand: 403 permissions", async () => {
    const r = await run("mattermost", "send_message", { channel_id: channel, message: "hi", sandbox_fail: 403 });
    expect(r.answer).toMatchObject({ status: 403, body: { id: "api.context.permissions.app_error", status_code: 403 } });
  });
});

describe("metabase: POST {server}/api/card/:id/query", () => {
  it("runs the card: 202 with rows, cols and status completed, authorised by X-API-Key", async () => {
    const r = await run("metabase", "run_question", { card_id: 42 });
    expect(r.request.url.toString()).toBe("https://server.sandbox.invalid/api/card/42/query");
    expect(r.request.headers.get("x-api-key")).toBeTruthy();
    expect(r.answer).toMatchObject({
      status: 202,
      body: {
        status: "completed",
        context: "question",
        row_count: 3,
        data: { rows: expect.any(Array), cols: expect.arrayContaining([expect.objectContaining({ name: "ID" })]) },
      },
    });
    expect((r.output as { row_count: number }).row_count).toBe(3);
  });

  it("answers Metabase's 400 errors map for a card id that is no positive integer, 401 Unauthenticated text", async () => {
    const { request } = await run("metabase", "run_question", { card_id: 1 });
    expect(await answerSandboxRequest(variant(request, { url: "https://server.sandbox.invalid/api/card/abc/query" }))).toEqual({
      status: 400,
      body: {
        errors: { "card-id": "value must be an integer greater than zero." },
        "specific-errors": { "card-id": ['value must be an integer greater than zero., received: "abc"'] },
      },
    });
    expect(await answerSandboxRequest(variant(request, { headers: { "x-api-key": null } }))).toEqual({ status: 401, body: "Unauthenticated" });
  });

  it("errors on demand: 404 Not found.", async () => {
    const r = await run("metabase", "run_question", { card_id: 7, sandbox_fail: 404 });
    expect(r.answer).toEqual({ status: 404, body: "Not found." });
    expect(r.error?.message).toContain("Not found.");
  });
});

describe("microsoft_teams: POST /v1.0/teams/:team/channels/:channel/messages", () => {
  const team = "fbe2bf47-16c8-47cf-b4a5-4b9b187c508b";
  const channel = "19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2";
  it("sends the message: 201 chatMessage with the body and channel identity", async () => {
    const r = await run("microsoft_teams", "send_channel_message", { team_id: team, channel_id: channel, content: "<b>Deployed</b>", content_type: "html" });
    expect(r.request.url.pathname).toBe(`/v1.0/teams/${team}/channels/19%3A4a95f7d8db4c4e7fae857bcebe0623e6%40thread.tacv2/messages`);
    expect(r.answer).toMatchObject({
      status: 201,
      body: {
        id: expect.stringMatching(/^\d{13}$/),
        messageType: "message",
        body: { contentType: "html", content: "<b>Deployed</b>" },
        channelIdentity: { teamId: team, channelId: channel },
      },
    });
  });

  it("answers Graph errors: 404 NotFound for a team id that is no GUID, 400 BadRequest for an unknown content type, 401 without a token", async () => {
    const r = await run("microsoft_teams", "send_channel_message", { team_id: "sales", channel_id: channel, content: "hi" });
    expect(r.answer).toMatchObject({ status: 404, body: { error: { code: "NotFound", innerError: { "request-id": expect.any(String) } } } });
    const ok = await run("microsoft_teams", "send_channel_message", { team_id: team, channel_id: channel, content: "hi" });
    expect(await answerSandboxRequest(variant(ok.request, { body: { body: { contentType: "markdown", content: "hi" } } }))).toMatchObject({
      status: 400,
      body: { error: { code: "BadRequest", message: "Cannot convert the literal 'markdown' to the expected type 'microsoft.graph.bodyType'." } },
    });
    expect(await answerSandboxRequest(variant(ok.request, { headers: { authorization: null } }))).toMatchObject({
      status: 401,
      body: { error: { code: "InvalidAuthenticationToken", message: "Access token is empty." } },
    });
  });

  it("errors on demand: 429 TooManyRequests", async () => {
    const r = await run("microsoft_teams", "send_channel_message", { team_id: team, channel_id: channel, content: "hi", sandbox_fail: 429 });
    expect(r.answer).toMatchObject({ status: 429, body: { error: { code: "TooManyRequests" } }, headers: { "retry-after": "1" } });
  });
});

describe("monday: POST /v2 create_item", () => {
  it("creates the item: {data: {create_item: {id}}, account_id}, token without a scheme", async () => {
    const r = await run("monday", "create_item", { board_id: "1234567890", item_name: "New lead", column_values: { status: { label: "Working on it" } } });
    expect(r.request.url.toString()).toBe("https://api.monday.com/v2");
    expect(r.request.headers.get("authorization")).toBe("sandbox-access-token");
    expect(r.answer).toEqual({ status: 200, body: { data: { create_item: { id: expect.stringMatching(/^\d+$/) } }, account_id: expect.any(Number) } });
  });

  it("answers application errors with HTTP 200 (ItemNameTooLongException, JsonParseException) and 401 Not Authenticated", async () => {
    const { request } = await run("monday", "create_item", { board_id: "1234567890", item_name: "x" });
    const body = clone(request.body) as { variables: Record<string, unknown> };
    body.variables.name = "x".repeat(256);
    expect(await answerSandboxRequest(variant(request, { body }))).toMatchObject({
      status: 200,
      body: {
        errors: [{ path: ["create_item"], extensions: { code: "ItemNameTooLongException", status_code: 400 } }],
        error_code: "ItemNameTooLongException",
        account_id: expect.any(Number),
      },
    });
    body.variables.name = "x";
    body.variables.cols = "{not json";
    expect(await answerSandboxRequest(variant(request, { body }))).toMatchObject({ status: 200, body: { error_code: "JsonParseException" } });
    expect(await answerSandboxRequest(variant(request, { headers: { authorization: null } }))).toEqual({
      status: 401,
      body: { error_message: "Not Authenticated", status_code: 401 },
    });
  });

  it("the action fails on an application error answered with HTTP 200 (not retried) instead of reporting success", async () => {
    const r = await run("monday", "create_item", { board_id: "1234567890", item_name: "x".repeat(256) });
    expect(r.answer.status).toBe(200);
    expect(r.output).toBeUndefined();
    expect(r.error).toMatchObject({ retryable: false, status: 200, message: expect.stringContaining("ItemNameTooLongException") });
  });

  it("errors on demand: 429 RATE_LIMIT_EXCEEDED", async () => {
    const r = await run("monday", "create_item", { board_id: "1", item_name: "x", sandbox_fail: 429 });
    expect(r.answer).toMatchObject({ status: 429, body: { errors: [{ extensions: { code: "RATE_LIMIT_EXCEEDED" } }] }, headers: { "retry-after": "1" } });
  });
});

describe("notion: POST /v1/pages", () => {
  const db = "d9824bdc84454327be8b5b47500af6ce";
  it("creates the page: dashed ids, the title as rich text, sent with Notion-Version", async () => {
    const r = await run("notion", "create_page", { database_id: db, title: "Q4 plan", content: "First draft" });
    expect(r.request.url.toString()).toBe("https://api.notion.com/v1/pages");
    expect(r.request.headers.get("notion-version")).toBe("2022-06-28");
    expect(r.answer).toMatchObject({
      status: 200,
      body: {
        object: "page",
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        parent: { type: "database_id", database_id: "d9824bdc-8445-4327-be8b-5b47500af6ce" },
        properties: { Name: { id: "title", type: "title", title: [{ type: "text", text: { content: "Q4 plan" }, plain_text: "Q4 plan" }] } },
        url: expect.stringMatching(/^https:\/\/www\.notion\.so\/Q4-plan-[0-9a-f]{32}$/),
        archived: false,
      },
    });
  });

  it("answers Notion errors: validation_error for a database id that is no UUID, missing_version, unauthorized", async () => {
    const r = await run("notion", "create_page", { database_id: "x".repeat(32), title: "Q4" });
    expect(r.answer).toMatchObject({
      status: 400,
      body: {
        object: "error",
        status: 400,
        code: "validation_error",
        message: expect.stringMatching(/^body failed validation: body\.parent\.database_id should be a valid uuid/),
      },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { "notion-version": null } }))).toMatchObject({
      status: 400,
      body: { code: "missing_version" },
    });
    expect(await answerSandboxRequest(variant(r.request, { headers: { authorization: null } }))).toMatchObject({
      status: 401,
      body: { object: "error", code: "unauthorized", message: "API token is invalid." },
    });
  });

  it("errors on demand: 429 rate_limited, 503 service_unavailable (retried)", async () => {
    const limited = await run("notion", "create_page", { database_id: db, title: "Q4", sandbox_fail: 429 });
    expect(limited.answer).toMatchObject({ status: 429, body: { object: "error", code: "rate_limited" }, headers: { "retry-after": "1" } });
    const down = await run("notion", "create_page", { database_id: db, title: "Q4", sandbox_fail: 503 });
    expect(down.answer).toMatchObject({ status: 503, body: { code: "service_unavailable" } });
    expect(down.error?.retryable).toBe(true);
  });
});
