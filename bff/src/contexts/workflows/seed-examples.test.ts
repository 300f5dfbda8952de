/**
 * Seed 001's two example workflows, as written there (seed-examples.ts), publish and complete in a
 * workspace in test mode, whose provider calls go to the built-in sandbox (issue #14 parts 3 and
 * 4); the test asserts what the sandbox received (`sandbox_requests`): Slack's chat.postMessage,
 * a Salesforce Lead with the default Company, a Jira issue with the seed's project, issue type and
 * priority, a Zendesk ticket whose first comment is the seed's description.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { signUpWorkspace, type FreshWorkspace } from "../../testing/fixtures";
import { PROCESS_SUPPORT_TICKET, WELCOME_NEW_CUSTOMER } from "./seed-examples";
import { createWorkflow, fireWebhook, run, settle } from "./testing/helpers";

let h: Harness;
let ws: FreshWorkspace;
beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "Seed Examples Co", "seed-examples");
  const owner = await h.signIn(ws.email, ws.password);
  const res = await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/test-mode`, { token: owner, body: { test_mode: true } });
  expect(res.status).toBe(200);
});
afterAll(() => h.close());

interface SandboxCall {
  step_id: string;
  provider: string;
  action: string;
  method: string;
  path: string;
  request_body: Record<string, unknown>;
  status: number;
}
const sandboxCalls = (executionId: string) => h.owner<SandboxCall[]>`
  select step_id, provider, action, method, path, request_body, status from sandbox_requests where execution_id = ${executionId} order by created_at, id`;

describe("seed 001, verbatim, against the sandbox", () => {
  it("Welcome New Customer: posts to Slack, then creates a Salesforce Lead (Company: [not provided])", async () => {
    await createWorkflow(h, ws.workspaceId, ws.apiKey, WELCOME_NEW_CUSTOMER as unknown as Record<string, unknown>);
    // the seed's Step 4 body
    const id = await fireWebhook(h, ws.workspaceId, "new-customer", {
      customer: { name: "John Doe", first_name: "John", last_name: "Doe", email: "john@example.com" },
    });
    const done = await settle(h, ws.workspaceId, ws.apiKey, id);
    expect({ status: done.status, error: done.error, steps: done.step_runs.map((s) => [s.step_id, s.status]) }).toEqual({
      status: "succeeded",
      error: null,
      steps: [
        ["slack_send_message", "succeeded"],
        ["salesforce_create_lead", "succeeded"],
      ],
    });
    const calls = await sandboxCalls(id);
    expect(calls.map((c) => [c.step_id, c.provider, c.method, c.path.replace(/\/ex\/[^/]+/, ""), c.status])).toEqual([
      ["slack_send_message", "slack", "POST", "/api/chat.postMessage", 200],
      ["salesforce_create_lead", "salesforce", "POST", "/services/data/v60.0/sobjects/Lead", 201],
    ]);
    expect(calls[0]!.request_body).toMatchObject({ channel: "#sales", text: "New customer: John Doe" });
    expect(calls[1]!.request_body).toEqual({ LastName: "Doe", FirstName: "John", Email: "john@example.com", Company: "[not provided]" });
    expect(run(done, "salesforce_create_lead")!.output).toMatchObject({ success: true });
  });

  it("Process Support Ticket: a high-priority ticket becomes a Jira issue with the seed's fields, then Slack hears of it", async () => {
    await createWorkflow(h, ws.workspaceId, ws.apiKey, PROCESS_SUPPORT_TICKET as unknown as Record<string, unknown>);
    const id = await fireWebhook(h, ws.workspaceId, "support-ticket", {
      ticket: { priority: "high", title: "Checkout is down", description: "500 on /checkout\nsince 09:00" },
    });
    const done = await settle(h, ws.workspaceId, ws.apiKey, id);
    expect({ status: done.status, steps: Object.fromEntries(done.step_runs.map((s) => [s.step_id, s.status])) }).toEqual({
      status: "succeeded",
      steps: { classify: "succeeded", create_jira: "succeeded", send_to_zendesk: "skipped", notify_team: "succeeded" },
    });
    const calls = await sandboxCalls(id);
    expect(calls.map((c) => [c.step_id, c.provider, c.status]).sort()).toEqual([
      ["create_jira", "jira", 201],
      ["notify_team", "slack", 200],
    ]);
    const jira = calls.find((c) => c.provider === "jira")!;
    expect([jira.method, jira.path]).toEqual(["POST", expect.stringMatching(/^\/ex\/jira\/[^/]+\/rest\/api\/3\/issue$/)]);
    expect(jira.request_body).toEqual({
      fields: {
        project: { key: "SUP" },
        issuetype: { name: "Bug" },
        priority: { name: "High" },
        summary: "Checkout is down",
        description: {
          type: "doc",
          version: 1,
          content: [
            { type: "paragraph", content: [{ type: "text", text: "500 on /checkout" }] },
            { type: "paragraph", content: [{ type: "text", text: "since 09:00" }] },
          ],
        },
      },
    });
    expect(calls.find((c) => c.provider === "slack")!.request_body).toMatchObject({ channel: "#support", text: "New high priority ticket: Checkout is down" });
  });

  it("Process Support Ticket: any other ticket becomes a Zendesk ticket whose first comment is the seed's description", async () => {
    const id = await fireWebhook(h, ws.workspaceId, "support-ticket", {
      ticket: { priority: "low", title: "Typo on pricing page", description: "It says 'pricng'" },
    });
    const done = await settle(h, ws.workspaceId, ws.apiKey, id);
    expect({ status: done.status, steps: Object.fromEntries(done.step_runs.map((s) => [s.step_id, s.status])) }).toEqual({
      status: "succeeded",
      steps: { classify: "succeeded", create_jira: "skipped", send_to_zendesk: "succeeded", notify_team: "succeeded" },
    });
    const calls = await sandboxCalls(id);
    const zendesk = calls.find((c) => c.provider === "zendesk")!;
    expect([zendesk.method, zendesk.path, zendesk.status]).toEqual(["POST", "/api/v2/tickets", 201]);
    expect(zendesk.request_body).toEqual({ ticket: { subject: "Typo on pricing page", comment: { body: "It says 'pricng'" }, priority: "normal" } });
    expect(calls.map((c) => c.provider).sort()).toEqual(["slack", "zendesk"]);
  });
});
