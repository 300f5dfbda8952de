/**
 * Journeys (issue #14, "Done when" 1 and 2), on a fresh start of the suite: the demo workspace is
 * in test mode, so the seeded "Welcome New Customer" runs against the provider sandbox and
 * succeeds, every node on the editor's canvas green with its output (issue #14 part 5); and a
 * cron workflow that uses the workspace's (sandbox) connection runs on its real tick — a
 * `* * * * *` schedule, so the wait is up to one minute (no test-only clock).
 */
import { expect, test } from "@playwright/test";
import { api, expectPortalReady, signIn } from "./support";

test("dev@acme.test runs the seeded workflow, sees every node green with its output, and the execution opens", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "dev@acme.test");
  await expectPortalReady(page, "developer");
  await page.goto("/developer/workflows");
  await page.getByRole("link", { name: "Welcome New Customer" }).click();
  await expect(page.getByTestId("workflow-canvas")).toBeVisible();
  // the demo's day of executions: the editor opens on the last test run's data
  await expect(page.getByRole("status").filter({ hasText: "Last test run" })).toBeVisible();
  await page.getByRole("button", { name: "Test run" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Run" }).click();
  await expect(dialog).toBeHidden();
  const status = page.getByRole("status").filter({ hasText: /^Test run/ });
  await expect(status).toContainText("succeeded", { timeout: 30_000 });
  // every node green, with its output on the canvas (the trigger's: the payload it received)
  const nodes = {
    trigger: [page.getByTestId("trigger-node"), '"customer":{'],
    slack: [page.getByTestId("step-node-slack_send_message"), '"ok":true'],
    salesforce: [page.getByTestId("step-node-salesforce_create_lead"), '"success":true'],
  } as const;
  for (const [node, output] of Object.values(nodes)) {
    await expect(node).toHaveAttribute("data-status", /^(succeeded|triggered)$/);
    await expect(node.getByTestId("node-status")).toHaveClass(/emerald/);
    await expect(node.getByTestId("node-output")).toContainText(output);
  }
  // and the selected step's input and output in the inspector
  await nodes.slack[0].click();
  const lastRun = page.getByRole("region", { name: "Last test run" });
  await expect(lastRun).toContainText("succeeded");
  await expect(lastRun.getByRole("group", { name: "Output" })).toContainText('"text": "New customer: Ada Lovelace"');
  await expect(lastRun.getByRole("group", { name: "Input" })).toContainText('"channel": "#sales"');
  await status.getByRole("link", { name: "Open the execution" }).click();
  await expect(page).toHaveURL(/\/developer\/executions\/[0-9a-f-]{36}/);
  const id = page.url().split("/").pop()!;
  const me = await api<{ workspace: { id: string } }>(page, "GET", "/api/v1/me");
  const exec = await api<{ status: string; test: boolean; step_runs: { step_id: string; status: string; output: unknown }[] }>(
    page,
    "GET",
    `/api/v1/workspaces/${me.workspace.id}/executions/${id}`,
  );
  expect(exec).toMatchObject({ status: "succeeded", test: true });
  expect(exec.step_runs.map((r) => [r.step_id, r.status])).toEqual([
    ["slack_send_message", "succeeded"],
    ["salesforce_create_lead", "succeeded"],
  ]);
  expect(exec.step_runs[0]!.output).toMatchObject({ ok: true, message: { text: "New customer: Ada Lovelace" } });
  expect(exec.step_runs[1]!.output).toMatchObject({ success: true, id: expect.stringMatching(/^00Q/) });
  // the sandbox's record of the same calls
  const sandbox = await api<{ items: { provider: string; status: number; connection: string }[] }>(
    page,
    "GET",
    `/api/v1/workspaces/${me.workspace.id}/sandbox/requests?execution_id=${id}`,
  );
  expect(sandbox.items.map((r) => `${r.provider} ${r.status}`).sort()).toEqual(["salesforce 201", "slack 200"]);
});

test("a cron workflow with a workspace connection runs on its tick", async ({ page }) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  await signIn(page, "dev@acme.test");
  await expectPortalReady(page, "developer");
  const me = await api<{ workspace: { id: string } }>(page, "GET", "/api/v1/me");
  // the workspace connects Slack in the Connections screen: a sandbox connection, one click (test mode)
  await page.goto("/developer/connections");
  await expect(page.getByRole("button", { name: /^Switch test mode (on|off)$/ })).toBeVisible();
  await page.getByLabel("Provider").selectOption("slack");
  await page.getByRole("button", { name: "Add sandbox connection" }).click();
  await expect(page.getByRole("table", { name: "Workspace connections" })).toContainText("slack");
  const name = `Every minute ${stamp}`;
  const wf = await api<{ id: string; warnings?: unknown[] }>(page, "POST", `/api/v1/workspaces/${me.workspace.id}/workflows`, {
    name,
    connection: "workspace",
    trigger: { type: "schedule", cron: "* * * * *", timezone: "UTC" },
    steps: [{ id: "tick", provider: "slack", action: "send_message", config: { channel: "#ops", text: `tick ${stamp} at {{ trigger.scheduled_at }}` } }],
  });
  expect(wf.warnings).toEqual([]); // the workspace has a slack connection now
  let executionId = "";
  await expect(async () => {
    const list = await api<{ items: { id: string; status: string; trigger_type: string }[] }>(
      page,
      "GET",
      `/api/v1/workspaces/${me.workspace.id}/executions?mode=test&workflow_id=${wf.id}`,
    );
    const done = list.items.find((e) => e.trigger_type === "schedule" && e.status === "succeeded");
    expect(done).toBeTruthy();
    executionId = done!.id;
  }).toPass({ timeout: 130_000, intervals: [2_000] });
  const sandbox = await api<{ items: { provider: string; connection: string; request_body: { text: string } }[] }>(
    page,
    "GET",
    `/api/v1/workspaces/${me.workspace.id}/sandbox/requests?execution_id=${executionId}`,
  );
  expect(sandbox.items[0]).toMatchObject({ provider: "slack", connection: "workspace" });
  expect(sandbox.items[0]!.request_body.text).toContain(`tick ${stamp}`);
  await page.goto(`/developer/executions?mode=test&workflow_id=${wf.id}`);
  await page.getByRole("link", { name, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/developer/executions/${executionId}`));
  await api(page, "POST", `/api/v1/workspaces/${me.workspace.id}/workflows/${wf.id}/disable`, {});
});
