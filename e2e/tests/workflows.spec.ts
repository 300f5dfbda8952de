/**
 * Journey: a developer builds a workflow in the visual editor (trigger path, a step's input
 * field, a second step from the palette reading the first one's output), publishes it, triggers
 * it through its webhook as a third party would, and watches the execution succeed step by step.
 */
import { expect, test } from "@playwright/test";
import { api, expectPortalReady, signIn } from "./support";

test("a developer builds, publishes and runs a workflow, then watches its execution", async ({ page }) => {
  const stamp = Date.now().toString(36);
  await signIn(page, "dev@acme.test");
  await expectPortalReady(page, "developer");
  const me = await api<{ workspace: { id: string } }>(page, "GET", "/api/v1/me");

  await page.goto("/developer/workflows");
  await expect(page.getByRole("link", { name: "Welcome New Customer" })).toBeVisible(); // the seed's example
  await page.getByRole("link", { name: "New workflow" }).click();
  await expect(page.getByTestId("workflow-canvas")).toBeVisible();
  await expect(page.getByTestId("trigger-node")).toBeVisible();

  await page.getByLabel("Workflow name").fill(`Greet ${stamp}`);
  await page.getByTestId("trigger-node").click();
  await page.getByLabel("Webhook path").fill(`/greet-${stamp}`);

  await page.getByTestId("step-node-prepare").click();
  await page.getByLabel("New field name").fill("greeting");
  await page.getByRole("button", { name: "Add field" }).click();
  await page.getByLabel("greeting", { exact: true }).fill("Hello {{ customer.name }}");

  await page.getByLabel("Add a step").fill("transform");
  await page.getByRole("button", { name: /core\.transform/ }).click();
  await expect(page.getByTestId("step-node-core_transform")).toBeVisible();
  await page.getByLabel("New field name").fill("shout");
  await page.getByRole("button", { name: "Add field" }).click();
  await page.getByLabel("shout", { exact: true }).fill("{{ steps.nope.output }}");
  // live validation names the unknown step on the field and the node
  await expect(page.getByText(/unknown step id "nope"/)).toBeVisible();
  await expect(page.getByTestId("step-node-core_transform")).toContainText("1 problem");
  await page.getByLabel("shout", { exact: true }).fill("{{ steps.prepare.output.greeting + '!' }}");
  await expect(page.getByTestId("step-node-core_transform")).not.toContainText("problem");

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1")).toBeVisible();
  await expect(page.getByText("v1 active")).toBeVisible();
  await expect(page.getByRole("region", { name: "Versions" })).toContainText("v1");

  const res = await page.request.post(`/webhooks/${me.workspace.id}/greet-${stamp}`, { data: { customer: { name: "Ada" } }, headers: { "idempotency-key": `e2e-${stamp}` } });
  expect(res.status()).toBe(202);
  const { execution_id } = (await res.json()) as { execution_id: string };

  await page.getByRole("link", { name: "Executions" }).first().click();
  await page.getByRole("link", { name: `Greet ${stamp}` }).first().click();
  await expect(page).toHaveURL(new RegExp(`/developer/executions/${execution_id}`));
  await expect(page.getByTestId("execution-status")).toHaveText("succeeded");
  await expect(page.getByTestId("step-run-prepare")).toContainText("succeeded");
  await expect(page.getByTestId("step-run-core_transform")).toContainText('"shout": "Hello Ada!"');
});
