/**
 * Domain-event dispatch on a real database: the first attempt applies every consumer in one
 * transaction (a failure rolls all of them back, so the job retries them together); a retry
 * (`isolate`) gives each consumer its own savepoint, so one that keeps failing cannot hold the
 * others back, and it alone is tried again later.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../testing/harness";
import { signUpWorkspace, type FreshWorkspace } from "../testing/fixtures";
import { appendDomainEvent, dispatchDomainEvent, registerConsumer, wasConsumed } from "./events";
import { withWorkspace } from "../db/tenant";

let h: Harness;
let ws: FreshWorkspace;
const failFor = new Set<string>();
const applied: string[] = [];

beforeAll(async () => {
  h = await openHarness();
  ws = await signUpWorkspace(h, "Dispatch Co", "dispatch");
  // a consumer of this test file only (each test file has its own module registry)
  registerConsumer("test.flaky", async (_tx, event) => {
    if (failFor.has(event.id)) throw new Error("flaky consumer is down");
    applied.push(event.id);
  });
});
afterAll(async () => {
  await h.close();
});

const newEvent = () =>
  withWorkspace(h.handles.db, ws.workspaceId, (tx) =>
    appendDomainEvent(tx, { workspaceId: ws.workspaceId, type: "end_user.created", subjectId: "eu-1", payload: {} }),
  );
const consumed = async (id: string) =>
  (await h.owner<{ consumer: string }[]>`select consumer from event_consumptions where event_id = ${id} order by consumer`).map((r) => r.consumer);

describe("domain event dispatch", () => {
  it("applies every consumer in one transaction, and rolls all back when one fails", async () => {
    const id = await newEvent();
    failFor.add(id);
    await expect(dispatchDomainEvent(h.handles.db, id, ws.workspaceId)).rejects.toThrow(/flaky consumer is down/);
    expect(await consumed(id)).toEqual([]);
    expect(await h.owner`select 1 from audit_log where event_id = ${id}`).toHaveLength(0);
    failFor.delete(id);
    expect(await dispatchDomainEvent(h.handles.db, id, ws.workspaceId)).toBe("end_user.created");
    expect(await consumed(id)).toEqual(expect.arrayContaining(["audit", "test.flaky"]));
    expect(applied.filter((e) => e === id)).toHaveLength(1);
  });

  it("isolates consumers on a retry: the others commit, the failing one is retried alone", async () => {
    const id = await newEvent();
    failFor.add(id);
    await expect(dispatchDomainEvent(h.handles.db, id, ws.workspaceId, { isolate: true })).rejects.toThrow(/consumer test.flaky failed/);
    expect(await consumed(id)).toContain("audit");
    expect(await consumed(id)).not.toContain("test.flaky");
    expect(await wasConsumed(h.handles.db, ws.workspaceId, id, "audit")).toBe(true);
    failFor.delete(id);
    await dispatchDomainEvent(h.handles.db, id, ws.workspaceId, { isolate: true });
    expect(await consumed(id)).toContain("test.flaky");
    expect(await h.owner`select 1 from audit_log where event_id = ${id}`).toHaveLength(1); // audit applied once
  });
});
