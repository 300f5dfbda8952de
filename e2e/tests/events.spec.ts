/**
 * Journey (issue #14, "Done when" 3): a developer makes a workflow that an event starts (type and
 * a CEL filter, in the editor), the tenant's server sends events with `POST /api/v1/events` and
 * an API key, and the developer sees the run of the one event that passed the filter on the
 * executions screen — once, although that event was sent twice with the same clientEventId.
 */
import { expect, test } from "@playwright/test";
import { api, expectPortalReady, signIn } from "./support";

test("an event sent with POST /api/v1/events starts the event-triggered workflow, and its execution shows in the portal", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const name = `Big orders ${stamp}`;
  await signIn(page, "dev@acme.test");
  await expectPortalReady(page, "developer");
  const me = await api<{ workspace: { id: string } }>(page, "GET", "/api/v1/me");

  await page.goto("/developer/workflows");
  await page.getByRole("link", { name: "New workflow" }).click();
  await expect(page.getByTestId("workflow-canvas")).toBeVisible();
  await page.getByLabel("Workflow name").fill(name);
  await page.getByTestId("trigger-node").click();
  await page.getByLabel("Starts when").selectOption("event");
  await page.getByLabel("Event type").fill(`order.paid.${stamp}`);
  await page.getByLabel("Filter (optional)").fill("payload.amount > 100");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1")).toBeVisible();

  // the tenant's server, with an API key of the workspace
  const key = await api<{ key: string }>(page, "POST", `/api/v1/workspaces/${me.workspace.id}/api-keys`, {
    name: `e2e event trigger ${stamp}`,
    scopes: ["events"],
  });
  const send = (clientEventId: string, amount: number) =>
    page.request.post("/api/v1/events", {
      headers: { authorization: `Bearer ${key.key}` },
      data: { type: `order.paid.${stamp}`, clientEventId, payload: { amount, customer: { name: `Ada ${stamp}` } } },
    });
  const big = await send(`ord-big-${stamp}`, 150);
  expect(big.status()).toBe(202);
  const bigEvent = (await big.json()) as { id: string };
  expect((await send(`ord-small-${stamp}`, 40)).status()).toBe(202); // the filter lets it pass by
  const again = await send(`ord-big-${stamp}`, 150); // re-sent: the same event, no second run
  expect(again.status()).toBe(200);
  expect(((await again.json()) as { id: string }).id).toBe(bigEvent.id);

  // the run, found as the portal finds it (a workspace in test mode, as the demo's is, runs test executions)
  const workflows = await api<{ items: { id: string; name: string }[] }>(page, "GET", `/api/v1/workspaces/${me.workspace.id}/workflows`);
  const workflowId = workflows.items.find((w) => w.name === name)!.id;
  const list = async (mode: string) =>
    (
      await api<{ items: { id: string; status: string }[] }>(
        page,
        "GET",
        `/api/v1/workspaces/${me.workspace.id}/executions?mode=${mode}&workflow_id=${workflowId}`,
      )
    ).items;
  let found: { mode: string; ids: string[] } = { mode: "live", ids: [] };
  await expect(async () => {
    for (const mode of ["live", "test"]) {
      const ids = (await list(mode)).filter((e) => !["queued", "running"].includes(e.status)).map((e) => e.id);
      if (ids.length) found = { mode, ids };
    }
    expect(found.ids.length).toBeGreaterThan(0);
  }).toPass({ timeout: 30_000 });
  // one run: the small order did not pass the filter, the repeat was the same event
  expect(found.ids).toHaveLength(1);

  await page.getByRole("link", { name: "Executions" }).first().click();
  if (found.mode === "live") await page.getByRole("link", { name, exact: true }).first().click();
  else await page.goto(`/developer/executions/${found.ids[0]}`); // the list shows live runs by default
  await expect(page).toHaveURL(new RegExp(`/developer/executions/${found.ids[0]}`));
  await expect(page.getByTestId("execution-status")).toHaveText("succeeded");
  await expect(page.getByTestId("step-run-prepare")).toContainText(`Ada ${stamp}`);
});
