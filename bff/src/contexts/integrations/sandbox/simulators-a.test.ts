/**
 * Simulators of group A (airtable … github). Every success case runs the provider's real action
 * through `invokeAction` in a test execution, so the simulator answers exactly the request the
 * action builds (real base URL and path, authorisation, body): when the action and the simulator
 * disagree, the test fails. Nothing of ours is replaced: `callProvider` hands the call to the
 * simulator and records the exchange in `sandbox_requests` (real PostgreSQL, the harness's
 * database), and the test reads the request and answer back from that table (host, path, headers,
 * body, status, answer headers). Validation cases resend that recorded request with a field removed
 * or spoiled (what the action's own input schema would stop); errors on demand go through
 * `sandbox_fail` in the step's config.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindAppDatabase } from "../../../kernel/app-database";
import { type Harness, openHarness } from "../../../testing/harness";
import "../providers";
import { answerSandboxRequest, type SandboxRequest } from "./index";
import { runInSandbox, type SandboxRun, variantOf } from "../testing/sandbox-runs";

let h: Harness;
let workspaceId: string;
let steps = 0;
beforeAll(async () => {
  h = await openHarness();
  // callProvider hands each call to exchangeWithSandbox, which records it in sandbox_requests (real PostgreSQL)
  bindAppDatabase(h.handles.db);
  workspaceId = h.acmeId;
});
afterAll(async () => {
  await h.close();
});

/** Runs `provider.action` as a test execution's step; answers what the simulator got and answered, and the step's outcome. */
const step = (provider: string, action: string, config: Record<string, unknown>): Promise<SandboxRun> =>
  runInSandbox(h, workspaceId, `step_a_${++steps}`, provider, action, config);

/** The captured request again with another body and/or headers (null removes a header), answered by the simulator. */
const resend = (r: SandboxRequest, change: { body?: unknown; headers?: Record<string, string | null> }) => answerSandboxRequest(variantOf(r, change));

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const path = (r: SandboxRequest) => `${r.method} ${r.url.host}${r.url.pathname}`;

describe("group A simulators: success from the real action's request, validation and errors on demand in the provider's format", () => {
  it("airtable create_record: 200 {records: [{id rec…, createdTime, fields}]}, 422 missing records, 429 RATE_LIMIT_REACHED", async () => {
    const ok = await step("airtable", "create_record", { base_id: "appA1b2C3d4", table: "Leads", fields: { Name: "Ada", Email: "ada@x.test", Notes: "" } });
    expect(path(ok.request)).toBe("POST api.airtable.com/v0/appA1b2C3d4/Leads");
    expect(ok.answer.status).toBe(200);
    expect(ok.output).toEqual({
      records: [{ id: expect.stringMatching(/^rec[A-Za-z0-9]{14}$/), createdTime: expect.any(String), fields: { Name: "Ada", Email: "ada@x.test" } }],
    });
    expect(await resend(ok.request, { body: { typecast: true } })).toEqual({
      status: 422,
      body: { error: { type: "INVALID_REQUEST_MISSING_FIELDS", message: 'Could not find field "records" in the request body' } },
    });
    const limited = await step("airtable", "create_record", { base_id: "appA1b2C3d4", table: "Leads", fields: {}, sandbox_fail: 429 });
    expect(limited.error).toMatchObject({ status: 429, retryable: true });
    expect(limited.answer).toMatchObject({ status: 429, body: { errors: [{ error: "RATE_LIMIT_REACHED" }] }, headers: { "retry-after": "1" } });
  });

  it("asana create_task: 201 {data: task}, 400 without projects/workspace, 500 with a phrase", async () => {
    const ok = await step("asana", "create_task", { name: "Call Ada", notes: "renewal", project_gid: "1204567890123456", due_on: "2026-12-31" });
    expect(path(ok.request)).toBe("POST app.asana.com/api/1.0/tasks");
    expect(ok.answer.status).toBe(201);
    expect(ok.output).toMatchObject({
      data: {
        gid: expect.stringMatching(/^\d{16}$/),
        resource_type: "task",
        name: "Call Ada",
        notes: "renewal",
        due_on: "2026-12-31",
        completed: false,
        projects: [{ gid: "1204567890123456", resource_type: "project" }],
      },
    });
    const body = clone(ok.request.body) as { data: Record<string, unknown> };
    delete body.data.projects;
    expect(await resend(ok.request, { body })).toEqual({
      status: 400,
      body: { errors: [{ message: "You should specify one of workspace, parent, projects", help: expect.stringContaining("developers.asana.com") }] },
    });
    const failed = await step("asana", "create_task", { name: "x", project_gid: "1", sandbox_fail: 500 });
    expect(failed.error).toMatchObject({ status: 500, retryable: true });
    expect(failed.answer.body).toMatchObject({ errors: [{ message: expect.stringContaining("Server Error"), phrase: expect.any(String) }] });
  });

  it("aws_ses send_email: SigV4-signed request, 200 {MessageId}, 400 BadRequestException, x-amzn-ErrorType on demand", async () => {
    const ok = await step("aws_ses", "send_email", { from: "sales@acme.test", to: ["ada@x.test"], subject: "Welcome", text: "Hello Ada" });
    expect(path(ok.request)).toMatch(/^POST email\.[^.]+\.amazonaws\.com\/v2\/email\/outbound-emails$/);
    expect(ok.request.headers.get("authorization")).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
    expect(ok.answer.status).toBe(200);
    expect(ok.output).toEqual({ MessageId: expect.stringMatching(/^0100[0-9a-f]{12}-[0-9a-f-]{36}-000000$/) });
    const body = clone(ok.request.body) as Record<string, unknown>;
    delete body.Content;
    expect(await resend(ok.request, { body })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining("'content' failed to satisfy constraint") },
      headers: { "x-amzn-errortype": "BadRequestException" },
    });
    // signed for another region than the endpoint's
    const auth = ok.request.headers.get("authorization")!.replace(/\/(\d{8})\/[^/]+\/ses\//, "/$1/eu-west-1/ses/");
    expect(await resend(ok.request, { headers: { authorization: auth } })).toMatchObject({
      status: 403,
      headers: { "x-amzn-errortype": "InvalidSignatureException" },
    });
    const limited = await step("aws_ses", "send_email", { from: "s@acme.test", to: ["a@x.test"], subject: "s", text: "t", sandbox_fail: 429 });
    expect(limited.error).toMatchObject({ status: 429, retryable: true });
    expect(limited.answer).toMatchObject({
      headers: { "x-amzn-errortype": "TooManyRequestsException", "retry-after": "1" },
      body: { message: expect.any(String) },
    });
  });

  it("basecamp create_todo: 201 to-do with its urls, 422 blank content, 507 on demand", async () => {
    const ok = await step("basecamp", "create_todo", { project_id: 2085958499, todolist_id: 1069479424, content: "Call Ada", description: "renewal" });
    expect(path(ok.request)).toMatch(/^POST 3\.basecampapi\.com\/[^/]+\/buckets\/2085958499\/todolists\/1069479424\/todos\.json$/);
    expect(ok.answer.status).toBe(201);
    expect(ok.output).toMatchObject({
      id: expect.any(Number),
      type: "Todo",
      status: "active",
      content: "Call Ada",
      title: "Call Ada",
      description: "renewal",
      completed: false,
      parent: { id: 1069479424, type: "Todolist" },
      bucket: { id: 2085958499, type: "Project" },
      url: expect.stringMatching(/\/buckets\/2085958499\/todos\/\d+\.json$/),
    });
    expect(await resend(ok.request, { body: { content: "  " } })).toEqual({ status: 422, body: { status: 422, error: "Content can't be blank" } });
    const full = await step("basecamp", "create_todo", { project_id: 1, todolist_id: 2, content: "x", sandbox_fail: 507 });
    expect(full.error).toMatchObject({ status: 507, retryable: true });
    expect(full.answer.body).toMatchObject({ status: 507, error: expect.stringContaining("Insufficient Storage") });
  });

  it("bitbucket create_issue: 201 issue numbered per repository, 400 with fields, 404 on demand", async () => {
    const input = { workspace: "acme-a", repo_slug: "web", title: "Broken link", content: "The Contact link 404s", kind: "bug" };
    const first = await step("bitbucket", "create_issue", input);
    const second = await step("bitbucket", "create_issue", input);
    expect(path(first.request)).toBe("POST api.bitbucket.org/2.0/repositories/acme-a/web/issues");
    expect(first.answer.status).toBe(201);
    expect(first.output).toMatchObject({
      type: "issue",
      id: 1,
      title: "Broken link",
      kind: "bug",
      state: "new",
      content: { raw: "The Contact link 404s", markup: "markdown" },
      links: { html: { href: "https://bitbucket.org/acme-a/web/issues/1" } },
    });
    expect(second.output).toMatchObject({ id: 2 });
    expect(await resend(first.request, { body: { kind: "defect", content: { raw: "" } } })).toEqual({
      status: 400,
      body: { type: "error", error: { message: "Bad request", fields: { title: ["This field is required."], kind: ['"defect" is not a valid choice.'] } } },
    });
    const missing = await step("bitbucket", "create_issue", { ...input, sandbox_fail: 404 });
    expect(missing.error).toMatchObject({ status: 404, retryable: false });
    expect(missing.answer.body).toMatchObject({ type: "error", error: { message: "Repository not found" } });
  });

  it("box create_folder: 201 folder with its path, 400 bad_request naming the parameter, 409 item_name_in_use on demand", async () => {
    const ok = await step("box", "create_folder", { name: "Contracts A", parent_id: "0" });
    expect(path(ok.request)).toBe("POST api.box.com/2.0/folders");
    expect(ok.answer.status).toBe(201);
    expect(ok.output).toMatchObject({
      type: "folder",
      id: expect.stringMatching(/^\d+$/),
      name: "Contracts A",
      parent: { type: "folder", id: "0", name: "All Files" },
      path_collection: { total_count: 1, entries: [{ id: "0" }] },
      item_status: "active",
    });
    expect(await resend(ok.request, { body: { parent: { id: "0" } } })).toMatchObject({
      status: 400,
      body: { type: "error", status: 400, code: "bad_request", context_info: { errors: [{ reason: "missing_parameter", name: "name" }] } },
    });
    expect(await resend(ok.request, { body: { name: "a/b", parent: { id: "0" } } })).toMatchObject({ status: 400, body: { code: "item_name_invalid" } });
    const clash = await step("box", "create_folder", { name: "Contracts A", sandbox_fail: 409 });
    expect(clash.error).toMatchObject({ status: 409, retryable: false });
    expect(clash.answer.body).toMatchObject({ type: "error", status: 409, code: "item_name_in_use", request_id: expect.any(String) });
  });

  it("braze track_user: 201 {message: success, attributes_processed}, 400 with minor errors, 401 on demand", async () => {
    const ok = await step("braze", "track_user", { external_id: "user-42", attributes: { first_name: "Ada" } });
    expect(path(ok.request)).toMatch(/^POST rest\.[^.]+\.braze\.com\/users\/track$/);
    expect(ok.request.body).toEqual({ attributes: [{ external_id: "user-42", first_name: "Ada" }] });
    expect(ok.answer.status).toBe(201);
    expect(ok.output).toEqual({ message: "success", attributes_processed: 1 });
    expect(await resend(ok.request, { body: { attributes: [{ first_name: "Ada" }] } })).toEqual({
      status: 400,
      body: {
        message: "No valid objects to process",
        errors: [{ type: "'external_id', 'user_alias', 'braze_id', 'email' or 'phone' is required", input_array: "attributes", index: 0 }],
      },
    });
    const denied = await step("braze", "track_user", { external_id: "u", attributes: {}, sandbox_fail: 401 });
    expect(denied.error).toMatchObject({ status: 401, retryable: false });
    expect(denied.answer.body).toEqual({ message: expect.stringContaining("Invalid API key") });
  });

  it("clickup create_task: 200 task with its priority, 400 INPUT_005 without a name, 429 APP_002 on demand", async () => {
    const ok = await step("clickup", "create_task", { list_id: "901234567", name: "Call Ada", description: "renewal", priority: 2 });
    expect(path(ok.request)).toBe("POST api.clickup.com/api/v2/list/901234567/task");
    expect(ok.answer.status).toBe(200);
    expect(ok.output).toMatchObject({
      id: expect.stringMatching(/^[0-9a-z]+$/),
      name: "Call Ada",
      description: "renewal",
      status: { status: "to do", type: "open" },
      priority: { id: "2", priority: "high" },
      list: { id: "901234567" },
      url: expect.stringMatching(/^https:\/\/app\.clickup\.com\/t\//),
    });
    expect(await resend(ok.request, { body: { description: "x" } })).toEqual({ status: 400, body: { err: "Task name invalid", ECODE: "INPUT_005" } });
    expect(await resend(ok.request, { headers: { authorization: null } })).toEqual({
      status: 401,
      body: { err: "Authorization header required", ECODE: "OAUTH_017" },
    });
    const limited = await step("clickup", "create_task", { list_id: "1", name: "x", sandbox_fail: 429 });
    expect(limited.error).toMatchObject({ status: 429, retryable: true });
    expect(limited.answer).toMatchObject({ body: { ECODE: "APP_002" }, headers: { "retry-after": "1" } });
  });

  it("close create_lead: 200 lead with its contact, 400 field-errors, 429 rate_reset on demand", async () => {
    const ok = await step("close", "create_lead", { name: "Engines Ltd", contact_name: "Ada Lovelace", contact_email: "ada@x.test" });
    expect(path(ok.request)).toBe("POST api.close.com/api/v1/lead/");
    expect(ok.request.headers.get("authorization")).toMatch(/^Basic /);
    expect(ok.answer.status).toBe(200);
    expect(ok.output).toMatchObject({
      id: expect.stringMatching(/^lead_[A-Za-z0-9]{43}$/),
      name: "Engines Ltd",
      status_label: "Potential",
      contacts: [{ id: expect.stringMatching(/^cont_/), name: "Ada Lovelace", emails: [{ email: "ada@x.test", type: "office" }] }],
    });
    expect(await resend(ok.request, { body: { name: "X", contacts: [{ name: "Ada", emails: [{ email: "not-an-email", type: "office" }] }] } })).toEqual({
      status: 400,
      body: { errors: [], "field-errors": { contacts: { 0: { emails: { 0: { email: "Invalid email address." } } } } } },
    });
    const limited = await step("close", "create_lead", { name: "x", sandbox_fail: 429 });
    expect(limited.error).toMatchObject({ status: 429, retryable: true });
    expect(limited.answer.body).toMatchObject({ error: { rate_reset: expect.any(Number), message: expect.stringContaining("API call count exceeded") } });
  });

  it("customer_io send_transactional_email: 200 {delivery_id, queued_at}, 400 {meta: {error}}, 403 on demand", async () => {
    const ok = await step("customer_io", "send_transactional_email", { transactional_message_id: 3, to: "ada@x.test", message_data: { first_name: "Ada" } });
    expect(path(ok.request)).toBe("POST api.customer.io/v1/send/email");
    expect(ok.answer.status).toBe(200);
    expect(ok.output).toEqual({ delivery_id: expect.stringMatching(/^[\w-]{28}$/), queued_at: expect.any(Number) });
    const body = clone(ok.request.body) as Record<string, unknown>;
    delete body.to;
    expect(await resend(ok.request, { body })).toEqual({ status: 400, body: { meta: { error: "Missing required field: to" } } });
    expect(await resend(ok.request, { headers: { authorization: null } })).toEqual({ status: 401, body: { meta: { error: "Unauthorized request" } } });
    const refused = await step("customer_io", "send_transactional_email", { transactional_message_id: 3, to: "a@x.test", sandbox_fail: 403 });
    expect(refused.error).toMatchObject({ status: 403, retryable: false });
    expect(refused.answer.body).toEqual({ meta: { error: expect.stringContaining("not yet approved") } });
  });

  it("discord send_message: 200 message with a snowflake id, 50006 empty message, 50035 too long, 429 retry_after on demand", async () => {
    const ok = await step("discord", "send_message", { channel_id: "1098765432109876543", content: "New lead: Ada" });
    expect(path(ok.request)).toBe("POST discord.com/api/v10/channels/1098765432109876543/messages");
    expect(ok.request.headers.get("authorization")).toMatch(/^Bot /);
    expect(ok.answer.status).toBe(200);
    expect(ok.output).toMatchObject({
      id: expect.stringMatching(/^\d{17,20}$/),
      type: 0,
      channel_id: "1098765432109876543",
      content: "New lead: Ada",
      author: { bot: true },
    });
    expect(await resend(ok.request, { body: { content: "" } })).toEqual({ status: 400, body: { message: "Cannot send an empty message", code: 50006 } });
    expect(await resend(ok.request, { body: { content: "x".repeat(2001) } })).toEqual({
      status: 400,
      body: {
        message: "Invalid Form Body",
        code: 50035,
        errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 2000 or fewer in length." }] } },
      },
    });
    expect(await resend(ok.request, { headers: { authorization: null } })).toEqual({ status: 401, body: { message: "401: Unauthorized", code: 0 } });
    const limited = await step("discord", "send_message", { channel_id: "1098765432109876543", content: "x", sandbox_fail: 429 });
    expect(limited.error).toMatchObject({ status: 429, retryable: true });
    expect(limited.answer).toMatchObject({ body: { message: "You are being rate limited.", retry_after: 1, global: false }, headers: { "retry-after": "1" } });
  });

  it("dropbox create_folder: 200 {metadata}, 409 malformed_path, plain-text 400, 409 conflict on demand", async () => {
    const ok = await step("dropbox", "create_folder", { path: "/Contracts/2026 A" });
    expect(path(ok.request)).toBe("POST api.dropboxapi.com/2/files/create_folder_v2");
    expect(ok.answer.status).toBe(200);
    expect(ok.output).toEqual({
      metadata: { name: "2026 A", path_lower: "/contracts/2026 a", path_display: "/Contracts/2026 A", id: expect.stringMatching(/^id:[\w-]{22}$/) },
    });
    expect(await resend(ok.request, { body: { path: "/Contracts/" } })).toMatchObject({
      status: 409,
      body: { error_summary: expect.stringMatching(/^path\/malformed_path\//), error: { ".tag": "path", path: { ".tag": "malformed_path" } } },
    });
    expect(await resend(ok.request, { body: { path: "Contracts" } })).toEqual({
      status: 400,
      body: expect.stringMatching(/^Error in call to API function "files\/create_folder_v2": request body: path: 'Contracts' did not match pattern/),
    });
    const clash = await step("dropbox", "create_folder", { path: "/Contracts", sandbox_fail: 409 });
    expect(clash.error).toMatchObject({ status: 409, retryable: false });
    expect(clash.answer.body).toMatchObject({ error: { ".tag": "path", path: { ".tag": "conflict", conflict: { ".tag": "folder" } } } });
  });

  it("excel_online add_table_row: 201 workbookTableRow with consecutive indexes, 400 InvalidArgument, 401 InvalidAuthenticationToken", async () => {
    const input = { item_id: "01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD3A1", table: "Leads", values: ["Ada", "ada@x.test", 1250] };
    const first = await step("excel_online", "add_table_row", input);
    const second = await step("excel_online", "add_table_row", input);
    expect(path(first.request)).toBe("POST graph.microsoft.com/v1.0/me/drive/items/01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD3A1/workbook/tables/Leads/rows");
    expect(first.answer.status).toBe(201);
    expect(first.output).toEqual({
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#workbookTableRow",
      "@odata.type": "#microsoft.graph.workbookTableRow",
      index: 0,
      values: [["Ada", "ada@x.test", 1250]],
    });
    expect(second.output).toMatchObject({ index: 1 });
    expect(await resend(first.request, { body: { values: [["a", "b"], ["c"]] } })).toMatchObject({
      status: 400,
      body: { error: { code: "InvalidArgument", innerError: { "request-id": expect.any(String) } } },
    });
    expect(await resend(first.request, { headers: { authorization: null } })).toMatchObject({
      status: 401,
      body: { error: { code: "InvalidAuthenticationToken", message: "Access token is empty." } },
    });
    const missing = await step("excel_online", "add_table_row", { ...input, sandbox_fail: 404 });
    expect(missing.error).toMatchObject({ status: 404, retryable: false });
    expect(missing.answer.body).toMatchObject({ error: { code: "ItemNotFound" } });
  });

  it("freshdesk create_ticket: 201 ticket, 400 Validation failed with field errors, 401 invalid_credentials", async () => {
    const ok = await step("freshdesk", "create_ticket", { subject: "Cannot sign in", description: "Error <500>", email: "ada@x.test", priority: 3 });
    expect(path(ok.request)).toMatch(/^POST [^.]+\.freshdesk\.com\/api\/v2\/tickets$/);
    expect(ok.answer.status).toBe(201);
    expect(ok.output).toMatchObject({
      id: expect.any(Number),
      subject: "Cannot sign in",
      description_text: "Error <500>",
      description: "<div>Error &lt;500&gt;</div>",
      priority: 3,
      status: 2,
      source: 2,
      requester_id: expect.any(Number),
    });
    expect(await resend(ok.request, { body: { subject: "x", description: "y", priority: 7 } })).toEqual({
      status: 400,
      body: {
        description: "Validation failed",
        errors: [
          {
            field: "requester_id",
            message: "Please fill at least 1 of requester_id, phone, email, twitter_id, facebook_id, unique_external_id fields",
            code: "missing_field",
          },
          { field: "priority", message: "It should be one of these values: '1,2,3,4'", code: "invalid_value" },
        ],
      },
    });
    expect(await resend(ok.request, { headers: { authorization: null } })).toEqual({
      status: 401,
      body: { code: "invalid_credentials", message: "You have to be logged in to perform this action." },
    });
    const limited = await step("freshdesk", "create_ticket", { subject: "s", description: "d", email: "a@x.test", sandbox_fail: 429 });
    expect(limited.error).toMatchObject({ status: 429, retryable: true });
    expect(limited.answer).toMatchObject({ body: { code: "rate_limit_exceeded" }, headers: { "retry-after": "1" } });
  });

  it("github create_issue: 201 issue numbered per repository, 422 Validation Failed, 401 Requires authentication, 429 with x-ratelimit headers", async () => {
    const input = { owner: "acme-a", repo: "web", title: "Broken link", body: "The Contact link 404s", labels: ["bug"] };
    const first = await step("github", "create_issue", input);
    const second = await step("github", "create_issue", input);
    expect(path(first.request)).toBe("POST api.github.com/repos/acme-a/web/issues");
    expect(first.answer.status).toBe(201);
    expect(first.output).toMatchObject({
      number: 1,
      title: "Broken link",
      body: "The Contact link 404s",
      state: "open",
      labels: [{ name: "bug" }],
      html_url: "https://github.com/acme-a/web/issues/1",
      url: "https://api.github.com/repos/acme-a/web/issues/1",
    });
    expect(second.output).toMatchObject({ number: 2 });
    expect(await resend(first.request, { body: { title: " " } })).toEqual({
      status: 422,
      body: {
        message: "Validation Failed",
        errors: [{ resource: "Issue", code: "missing_field", field: "title" }],
        documentation_url: "https://docs.github.com/rest/issues/issues#create-an-issue",
        status: "422",
      },
    });
    expect(await resend(first.request, { headers: { authorization: null } })).toMatchObject({
      status: 401,
      body: { message: "Requires authentication", status: "401" },
    });
    const limited = await step("github", "create_issue", { ...input, sandbox_fail: 429 });
    expect(limited.error).toMatchObject({ status: 429, retryable: true });
    expect(limited.answer).toMatchObject({
      body: { message: expect.stringContaining("API rate limit exceeded") },
      headers: { "retry-after": "1", "x-ratelimit-remaining": "0" },
    });
  });

  it("each provider refuses a request without its credentials in its own format", async () => {
    const cases: [string, string, Record<string, unknown>, number, unknown][] = [
      [
        "airtable",
        "create_record",
        { base_id: "appA1b2C3d4", table: "T", fields: {} },
        401,
        { error: { type: "AUTHENTICATION_REQUIRED", message: "Authentication required" } },
      ],
      ["asana", "create_task", { name: "x", project_gid: "1" }, 401, { errors: [{ message: "Not Authorized", help: expect.any(String) }] }],
      ["aws_ses", "send_email", { from: "s@acme.test", to: ["a@x.test"], subject: "s", text: "t" }, 403, { message: "Missing Authentication Token" }],
      ["basecamp", "create_todo", { project_id: 1, todolist_id: 2, content: "x" }, 401, { status: 401, error: expect.any(String) }],
      ["bitbucket", "create_issue", { workspace: "w", repo_slug: "r", title: "t" }, 401, { type: "error", error: { message: expect.any(String) } }],
      ["box", "create_folder", { name: "x" }, 401, ""],
      ["braze", "track_user", { external_id: "u", attributes: {} }, 401, { message: expect.stringContaining("Invalid API key") }],
      ["close", "create_lead", { name: "x" }, 401, { error: expect.any(String) }],
      ["dropbox", "create_folder", { path: "/x" }, 400, expect.stringContaining('Must provide HTTP header "Authorization"')],
    ];
    for (const [provider, action, config, status, body] of cases) {
      const { request } = await step(provider, action, config);
      const refused = await resend(request, { headers: { authorization: null } });
      expect({ provider, status: refused.status, body: refused.body }).toEqual({ provider, status, body });
    }
    const box = await step("box", "create_folder", { name: "x" });
    expect((await resend(box.request, { headers: { authorization: null } })).headers).toEqual({
      "www-authenticate": 'Bearer realm="Service", error="invalid_request", error_description="The access token was not found."',
    });
  });
});
