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

  const res = await page.request.post(`/webhooks/${me.workspace.id}/greet-${stamp}`, {
    data: { customer: { name: "Ada" } },
    headers: { "idempotency-key": `e2e-${stamp}` },
  });
  expect(res.status()).toBe(202);
  const { execution_id } = (await res.json()) as { execution_id: string };

  await page.getByRole("link", { name: "Executions" }).first().click();
  await page
    .getByRole("link", { name: `Greet ${stamp}` })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/developer/executions/${execution_id}`));
  await expect(page.getByTestId("execution-status")).toHaveText("succeeded");
  await expect(page.getByTestId("step-run-prepare")).toContainText("succeeded");
  await expect(page.getByTestId("step-run-core_transform")).toContainText('"shout": "Hello Ada!"');
});

test("leaving the editor with unsaved edits asks first: Stay keeps them, Discard leaves", async ({ page }) => {
  await signIn(page, "dev@acme.test");
  await expectPortalReady(page, "developer");
  await page.goto("/developer/workflows");
  await page.getByRole("link", { name: "Welcome New Customer" }).click();
  await expect(page.getByTestId("workflow-canvas")).toBeVisible();
  const editorUrl = page.url();
  const name = page.getByLabel("Workflow name");
  const discardDialog = page.getByRole("dialog", { name: "Discard unsaved changes?" });
  const sections = page.getByRole("navigation", { name: "Developer sections" });

  // nothing edited yet: the sidebar just navigates, and back returns without a question
  await sections.getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/developer\/api-keys$/);
  await page.goBack();
  await expect(page).toHaveURL(editorUrl);
  await expect(name).toHaveValue("Welcome New Customer");

  await name.fill("Welcome New Customer (unsaved)");
  await expect(page.getByText("Unsaved changes")).toBeVisible();

  // a link of the portal's own navigation
  await sections.getByRole("link", { name: "API keys" }).click();
  await expect(discardDialog).toBeVisible();
  await discardDialog.getByRole("button", { name: "Stay" }).click();
  await expect(discardDialog).toBeHidden();
  await expect(page).toHaveURL(editorUrl);
  await expect(name).toHaveValue("Welcome New Customer (unsaved)");

  // another portal, from the shell's header
  await page.getByRole("navigation", { name: "Portals" }).getByRole("link", { name: "Workspace" }).click();
  await expect(discardDialog).toBeVisible();
  await discardDialog.getByRole("button", { name: "Stay" }).click();
  await expect(page).toHaveURL(editorUrl);
  await expect(name).toHaveValue("Welcome New Customer (unsaved)");

  // the browser's back button: Stay puts the editor's URL back, Discard goes back after all
  await page.goBack();
  await expect(discardDialog).toBeVisible();
  await expect(page).toHaveURL(editorUrl);
  await discardDialog.getByRole("button", { name: "Stay" }).click();
  await expect(page).toHaveURL(editorUrl);
  await expect(name).toHaveValue("Welcome New Customer (unsaved)");
  await page.goBack();
  await discardDialog.getByRole("button", { name: "Discard" }).click();
  await expect(page).toHaveURL(/\/developer\/workflows$/);

  // forward into the editor again: the edit was discarded, nothing was saved
  await page.goForward();
  await expect(name).toHaveValue("Welcome New Customer");
  await name.fill("Welcome New Customer (unsaved again)");
  await sections.getByRole("link", { name: "Executions" }).click();
  await discardDialog.getByRole("button", { name: "Discard" }).click();
  await expect(page).toHaveURL(/\/developer\/executions$/);
  await expect(page.getByText("Unsaved changes")).toHaveCount(0);
});
