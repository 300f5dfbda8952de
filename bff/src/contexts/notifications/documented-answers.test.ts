/**
 * The notification routes no other test reaches on their success path answer what their
 * `describeRoute` documents (response validation is on in tests: a mismatch becomes a 500).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { settle, workspaceOnPlan } from "../../testing/notifications";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

describe("documented answers", () => {
  it("reads and marks a notification, and reads, updates and deletes its rule", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const call = (method: string, path: string, body?: unknown) => h.call(method, `/api/v1${path}`, { token: ws.token, body });
    const created = await call("POST", "/rules", {
      name: "Big orders",
      condition: 'event.type == "order.completed"',
      target_roles: ["owner"],
      title_template: "Order {{ event.payload.id }}",
    });
    expect(created.status).toBe(201);
    const rule = (await created.json()) as { id: string };
    expect((await call("POST", "/events", { type: "order.completed", payload: { id: "1042" } })).status).toBe(202);
    let id = "";
    await settle(h, async () => {
      const page = (await (await call("GET", "/notifications")).json()) as { items: { id: string }[] };
      id = page.items[0]?.id ?? "";
      return id !== "";
    });
    const one = await call("GET", `/notifications/${id}`);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id, title: "Order 1042", read_at: null });
    const read = await call("PUT", `/notifications/${id}/read`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { read_at: string | null }).read_at).not.toBeNull();
    expect((await call("PUT", `/notifications/${id}/archive`)).status).toBe(200);
    const back = await call("PUT", `/notifications/${id}/unarchive`);
    expect(back.status).toBe(200);
    expect(((await back.json()) as { archived_at: string | null }).archived_at).toBeNull();

    const got = await call("GET", `/rules/${rule.id}`);
    expect(got.status).toBe(200);
    const updated = await call("PUT", `/rules/${rule.id}`, { active: false });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ id: rule.id, active: false, name: "Big orders" });
    expect((await call("DELETE", `/rules/${rule.id}`)).status).toBe(204);
    expect((await call("GET", `/rules/${rule.id}`)).status).toBe(404);
  });

  it("unsubscribes a browser that never subscribed, and lists webhook event types to anyone", async () => {
    const ws = await workspaceOnPlan(h, "starter");
    const gone = await h.call("DELETE", "/api/v1/notifications/push/subscriptions", { token: ws.token, body: { endpoint: "https://push.example.com/never" } });
    expect(gone.status).toBe(204);
    const types = await h.call("GET", "/api/v1/webhook-event-types");
    expect(types.status).toBe(200);
    expect(((await types.json()) as { items: string[] }).items).toContain("execution.failed");
  });
});
