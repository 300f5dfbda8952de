/**
 * Journey (issue #14 part 5, the editor shows data): a workflow with a pinned sample payload runs
 * a test without the payload being typed again, every node shows its output; a later step's field
 * completes `{{ steps.… }}` from that run in CodeMirror's popup (an accessible field, checked
 * with axe), and the publish-time error shows under the field while typing.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { api, expectPortalReady, signIn } from "./support";

test("a pinned sample payload feeds the test run, completions come from its outputs, errors show while typing", async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  await signIn(page, "dev@acme.test");
  await expectPortalReady(page, "developer");
  const me = await api<{ workspace: { id: string } }>(page, "GET", "/api/v1/me");
  const ws = `/api/v1/workspaces/${me.workspace.id}`;
  const name = `Greeting ${stamp}`;
  const wf = await api<{ id: string }>(page, "POST", `${ws}/workflows`, {
    name,
    trigger: { type: "manual" },
    steps: [
      { id: "greet", provider: "core", action: "transform", config: { text: "Hello {{ customer.name }}" } },
      { id: "shout", provider: "core", action: "transform", config: { text: "{{ steps.greet.output.text + '!' }}" } },
    ],
  });
  await api(page, "PUT", `${ws}/workflows/${wf.id}/sample-payload`, { payload: { customer: { name: "Grace Hopper" } } });

  await page.goto(`/developer/workflows/${wf.id}`);
  await expect(page.getByTestId("workflow-canvas")).toBeVisible();
  const samplePanel = page.getByRole("region", { name: "Sample payload" });
  await expect(samplePanel.getByLabel("Sample payload (JSON)")).toHaveValue(/"name": "Grace Hopper"/);
  await expect(page.getByRole("region", { name: "Last test run" })).toContainText("No test run yet");

  // the test run starts from the pinned payload
  await page.getByRole("button", { name: "Test run" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Trigger payload (JSON)")).toHaveValue(/Grace Hopper/);
  await dialog.getByRole("button", { name: "Run" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: /^Test run/ })).toContainText("succeeded", { timeout: 30_000 });
  const shout = page.getByTestId("step-node-shout");
  await expect(shout.getByTestId("node-output")).toContainText('"text":"Hello Grace Hopper!"');
  await expect(page.getByTestId("step-node-greet")).toHaveAttribute("data-status", "succeeded");

  // the later step's field completes from the earlier step's output in that run
  await shout.click();
  const field = page.getByRole("textbox", { name: "text", exact: true });
  await expect(field).toHaveClass(/cm-content/);
  // the CodeMirror fields are labelled and described like the other inputs (axe: no serious WCAG 2.1 AA violation)
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await field.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("{{ steps.greet.output.");
  const popup = page.locator(".cm-tooltip-autocomplete");
  await expect(popup).toContainText("text");
  await expect(popup).toContainText('"Hello Grace Hopper"');
  // CodeMirror ignores the picking keys for its interactionDelay (75 ms) after the list opens or
  // updates, so an Enter that comes at once can be dropped: press again until it is taken
  await expect(async () => {
    if (await popup.isVisible()) await page.keyboard.press("Enter");
    await expect(field).toHaveText("{{ steps.greet.output.text", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  // the publish-time error of the field shows under it while typing, and goes when fixed
  await field.fill("{{ steps.greet.output.text }} {{ steps.nope.output }}");
  await expect(page.getByText(/unknown step id "nope"/)).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await field.fill("{{ steps.greet.output.text + '!' }}");
  await expect(page.getByText(/unknown step id "nope"/)).toBeHidden();
  await expect(field).not.toHaveAttribute("aria-invalid");

  // pin the last run's payload from the Sample payload panel, then unpin
  await page.getByTestId("trigger-node").click();
  await samplePanel.getByRole("button", { name: "Unpin" }).click();
  await expect(samplePanel).toContainText("Nothing pinned yet");
  await samplePanel.getByRole("button", { name: "Pin the last run's payload" }).click();
  await expect(samplePanel.getByLabel("Sample payload (JSON)")).toHaveValue(/Grace Hopper/);
  const stored = await api<{ sample_payload: { payload: unknown } }>(page, "GET", `${ws}/workflows/${wf.id}/test-data`);
  expect(stored.sample_payload.payload).toEqual({ customer: { name: "Grace Hopper" } });
});
