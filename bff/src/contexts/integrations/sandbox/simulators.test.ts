/**
 * The six simulators answer their provider's real paths with the documented success shapes,
 * validate like the provider, and format errors on demand (`X-Sandbox-Fail`, `sandbox_fail`) the
 * provider's way, with `Retry-After` on 429. Pure functions: no database.
 */
import { describe, expect, it } from "vitest";
import { answerSandboxRequest, type SandboxRequest } from "./index";

const req = (provider: string, url: string, body: unknown, headers: Record<string, string> = {}): SandboxRequest => ({
  provider,
  action: "test",
  method: "POST",
  url: new URL(url),
  headers: new Headers({ authorization: "Bearer sandbox-access-token", ...headers }),
  body,
});

describe("simulators", () => {
  it("slack chat.postMessage: ok answer, ok:false method errors, ratelimited 429", async () => {
    const ok = await answerSandboxRequest(req("slack", "https://slack.com/api/chat.postMessage", { channel: "#sales", text: "hi" }));
    expect(ok).toMatchObject({
      status: 200,
      body: { ok: true, channel: expect.stringMatching(/^C/), ts: expect.stringMatching(/^\d+\.\d{6}$/), message: { text: "hi" } },
    });
    expect(await answerSandboxRequest(req("slack", "https://slack.com/api/chat.postMessage", { channel: "#sales" }))).toEqual({
      status: 200,
      body: { ok: false, error: "no_text" },
    });
    const limited = await answerSandboxRequest(
      req("slack", "https://slack.com/api/chat.postMessage", { channel: "#s", text: "x" }, { "x-sandbox-fail": "429" }),
    );
    expect(limited).toMatchObject({ status: 429, body: { ok: false, error: "ratelimited" }, headers: { "retry-after": "1" } });
  });

  it("salesforce sObject create: 201 {id, success, errors}, REQUIRED_FIELD_MISSING array", async () => {
    const url = "https://sandbox.my.salesforce.com/services/data/v60.0/sobjects/Lead";
    const ok = await answerSandboxRequest(req("salesforce", url, { LastName: "Hopper", Company: "Navy" }));
    expect(ok).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^00Q\w{15}$/), success: true, errors: [] } });
    expect(await answerSandboxRequest(req("salesforce", url, { LastName: "Hopper" }))).toEqual({
      status: 400,
      body: [{ message: "Required fields are missing: [Company]", errorCode: "REQUIRED_FIELD_MISSING", fields: ["Company"] }],
    });
    expect((await answerSandboxRequest(req("salesforce", url, { LastName: "H", Company: "N", sandbox_fail: 500 }))).body).toEqual([
      { message: "internal error (sandbox_fail)", errorCode: "UNKNOWN_EXCEPTION" },
    ]);
  });

  it("jira create issue: 201 {id, key, self}, field errors", async () => {
    const url = "https://api.atlassian.com/ex/jira/sandbox-cloud-id/rest/api/3/issue";
    const ok = await answerSandboxRequest(req("jira", url, { fields: { project: { key: "SUP" }, summary: "Down", issuetype: { name: "Bug" } } }));
    expect(ok).toMatchObject({
      status: 201,
      body: { id: expect.any(String), key: expect.stringMatching(/^SUP-\d+$/), self: expect.stringContaining("/rest/api/3/issue/") },
    });
    expect(await answerSandboxRequest(req("jira", url, { fields: { project: { key: "SUP" } } }))).toEqual({
      status: 400,
      body: { errorMessages: [], errors: { summary: "You must specify a summary of the issue.", issuetype: "Specify an issue type" } },
    });
  });

  it("zendesk create ticket: 201 {ticket}, 422 RecordInvalid", async () => {
    const url = "https://sandbox-subdomain.zendesk.com/api/v2/tickets";
    const basic = { authorization: `Basic ${Buffer.from("a@b.test/token:x").toString("base64")}` };
    const ok = await answerSandboxRequest(req("zendesk", url, { ticket: { subject: "Help", comment: { body: "Broken" } } }, basic));
    expect(ok).toMatchObject({ status: 201, body: { ticket: { id: expect.any(Number), subject: "Help", description: "Broken", status: "new" } } });
    expect(await answerSandboxRequest(req("zendesk", url, { ticket: { subject: "Help" } }, basic))).toMatchObject({
      status: 422,
      body: { error: "RecordInvalid", details: { base: [{ error: "BlankValue" }] } },
    });
  });

  it("whatsapp messages: contacts and wamid, Graph API errors", async () => {
    const url = "https://graph.facebook.com/v21.0/1234567890/messages";
    const ok = await answerSandboxRequest(
      req("whatsapp", url, {
        messaging_product: "whatsapp",
        to: "+16505551234",
        type: "template",
        template: { name: "hello_world", language: { code: "en_US" } },
      }),
    );
    expect(ok).toMatchObject({
      status: 200,
      body: {
        messaging_product: "whatsapp",
        contacts: [{ input: "+16505551234", wa_id: "16505551234" }],
        messages: [{ id: expect.stringMatching(/^wamid\./) }],
      },
    });
    const limited = await answerSandboxRequest(req("whatsapp", url, { messaging_product: "whatsapp", to: "+1", sandbox_fail: 429 }));
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 130429, type: "OAuthException" } }, headers: { "retry-after": "1" } });
  });

  it("google sheets values.append: consecutive rows, Google error format", async () => {
    const url = "https://sheets.googleapis.com/v4/spreadsheets/sheet-abc-123/values/Leads:append?valueInputOption=USER_ENTERED&insertDataOption=INSERT_ROWS";
    const a = await answerSandboxRequest(req("google_sheets", url, { majorDimension: "ROWS", values: [["Ada", "ada@x.test", 1]] }));
    expect(a).toEqual({
      status: 200,
      body: {
        spreadsheetId: "sheet-abc-123",
        updates: { spreadsheetId: "sheet-abc-123", updatedRange: "Leads!A1:C1", updatedRows: 1, updatedColumns: 3, updatedCells: 3 },
      },
    });
    const b = await answerSandboxRequest(req("google_sheets", url, { values: [["Bo", "bo@x.test", 2]] }));
    expect(b.body).toMatchObject({ tableRange: "Leads!A1:C1", updates: { updatedRange: "Leads!A2:C2" } });
    expect(await answerSandboxRequest(req("google_sheets", url.replace(/\?.*/, ""), { values: [["x"]] }))).toMatchObject({
      status: 400,
      body: { error: { code: 400, status: "INVALID_ARGUMENT" } },
    });
  });

  it("a provider with no simulator answers 501", async () => {
    expect((await answerSandboxRequest(req("nope", "https://nope.example/x", {}))).status).toBe(501);
  });
});
