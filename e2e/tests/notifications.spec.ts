/**
 * Notifications journey: a rule created in the project portal fires on an event sent through
 * the API with the workspace's API key, and the notification appears in the open inbox without
 * a reload (SSE), with the unread badge; it can then be acknowledged.
 */
import { expect, test } from "@playwright/test";
import { api, expectPortalReady, signIn } from "./support";

test("a rule created in the portal notifies the open inbox in real time; acknowledge", async ({ page }) => {
  const tag = Date.now().toString(36);
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/(developer|employee|project)/);
  await page.goto("/project/rules");
  await expectPortalReady(page, "project");

  await page.getByRole("button", { name: "Create rule" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create rule" });
  await dialog.getByLabel("Name", { exact: true }).fill(`Big orders ${tag}`);
  await dialog.getByLabel("Field 1").fill("event.type");
  await dialog.getByLabel("Value 1").fill(`order.completed.${tag}`);
  await dialog.getByRole("button", { name: "Add condition" }).click();
  await dialog.getByLabel("Field 2").fill("event.payload.amount");
  await dialog.getByLabel("Operator 2").selectOption(">");
  await dialog.getByLabel("Value 2").fill("1000");
  await expect(dialog.getByText(`event.type == "order.completed.${tag}" && event.payload.amount > 1000`)).toBeVisible();
  await dialog.getByLabel("Title").fill("Order {{ event.payload.orderId }} for {{ event.payload.amount }}");
  await dialog.getByRole("button", { name: "Create rule" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("cell", { name: `Big orders ${tag}`, exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Inbox" }).click();
  await expect(page.locator('[data-stream-state="live"]')).toBeVisible();
  const unreadBefore = Number(await page.getByTestId("unread-count").textContent());

  const me = await api<{ workspace: { id: string } }>(page, "GET", "/api/v1/me");
  const key = await api<{ key: string }>(page, "POST", `/api/v1/workspaces/${me.workspace.id}/api-keys`, { name: `e2e events ${tag}`, scopes: ["events"] });
  const sent = await page.request.post("/api/v1/events", {
    headers: { "x-api-key": key.key.slice(0, 22), "x-api-secret": key.key },
    data: { type: `order.completed.${tag}`, clientEventId: `ord-${tag}`, payload: { orderId: `ord_${tag}`, amount: 5000 } },
  });
  expect(sent.status()).toBe(202);

  const item = page.getByRole("listitem").filter({ hasText: `Order ord_${tag} for 5000` });
  await expect(item).toBeVisible();
  await expect(page.getByTestId("unread-count")).toHaveText(String(unreadBefore + 1));
  await item.getByRole("button", { name: /^Acknowledge/ }).click();
  await expect(item.getByText("acknowledged")).toBeVisible();
  await expect(item.getByRole("button", { name: /^Acknowledge/ })).toBeHidden();
  await page.reload();
  await expectPortalReady(page, "project");
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: `Order ord_${tag} for 5000` })
      .getByText("acknowledged"),
  ).toBeVisible();
});
