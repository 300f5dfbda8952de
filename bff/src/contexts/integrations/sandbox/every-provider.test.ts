/**
 * Every catalogue provider's every action answers through the sandbox (issue #14 part 4, decision
 * 020): for each action of the registry whose provider is in the catalogue (none hard-coded), its
 * `example` input runs through `invokeAction` in a test execution, exactly as the engine runs a
 * step of a test run: the action builds its real request (the provider's real base URL and path,
 * authorisation, body), `callProvider` hands it to the provider's simulator and records the
 * exchange in `sandbox_requests` (real PostgreSQL), then maps the answer as it maps a real one. The
 * test asserts the simulator answered 2xx, that the action's result mapping accepted the answer
 * (no ActionFailed: Slack-style `ok: false` bodies count as failures), and that nothing was sent
 * anywhere else (a request the simulator does not know, or a provider with no simulator, fails
 * here with the simulator's answer).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { openHarness, type Harness } from "../../../testing/harness";
import { bindAppDatabase } from "../../../kernel/app-database";
import { ActionFailed, invokeAction, listActions } from "../actions";
import { findProvider } from "../catalogue";
import "../providers";
import "./index";

let h: Harness;
let workspaceId: string;
beforeAll(async () => {
  h = await openHarness();
  bindAppDatabase(h.handles.db);
  // the seeded demo workspace (Acme): the calls only need a workspace to record them in
  const [acme] = await h.owner<{ id: string }[]>`select id from workspaces where name like 'Acme%' order by created_at limit 1`;
  workspaceId = acme!.id;
  // a test execution never reaches the network: any fetch is a call that bypassed the sandbox
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    outbound.push(url);
    throw new Error(`left the sandbox: fetch ${url}`);
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await h.close();
});
const outbound: string[] = [];
beforeEach(() => {
  outbound.length = 0;
});

// every action of every catalogue provider (the engine's own actions, core.* and http.request, have no provider in the catalogue)
const actions = listActions()
  .filter((a) => findProvider(a.provider))
  .sort((a, b) => `${a.provider}.${a.action}`.localeCompare(`${b.provider}.${b.action}`));

interface Recorded {
  method: string;
  path: string;
  status: number;
  answer: unknown;
}

describe("every provider action in the sandbox", () => {
  it("the catalogue has actions, each with an example input its own schema accepts", () => {
    expect(actions.length).toBeGreaterThanOrEqual(49);
    for (const a of actions) {
      expect({ action: `${a.provider}.${a.action}`, example: a.example !== undefined }).toEqual({ action: `${a.provider}.${a.action}`, example: true });
      const parsed = a.input.safeParse(a.example);
      expect({ action: `${a.provider}.${a.action}`, issues: parsed.success ? [] : parsed.error.issues }).toEqual({
        action: `${a.provider}.${a.action}`,
        issues: [],
      });
    }
  });

  for (const a of actions) {
    const name = `${a.provider}.${a.action}`;
    it(`${name}: the example's real request gets a 2xx from the simulator, which the action's mapping accepts`, async () => {
      const stepId = `every-${a.provider}-${a.action}`;
      let failure: string | null = null;
      try {
        await invokeAction(
          { id: stepId, provider: a.provider, action: a.action },
          a.example,
          {
            workspaceId,
            endUserId: null,
            connection: { owner: "workspace" },
            idempotencyKey: `every-provider-${name}`,
            signal: AbortSignal.timeout(10_000),
            test: true,
            stepId,
          },
          {},
        );
      } catch (e) {
        failure = e instanceof ActionFailed ? e.message : `${(e as Error).name}: ${(e as Error).message}`;
      }
      const recorded = await h.owner<Recorded[]>`
        select method, path, status, answer from sandbox_requests where workspace_id = ${workspaceId} and step_id = ${stepId} order by created_at`;
      // what the simulator received and answered, to make a failure say which side is wrong
      const exchange = recorded.map((r) => `${r.method} ${r.path} → ${r.status} ${JSON.stringify(r.answer).slice(0, 300)}`);
      expect({ action: name, failure, exchange, outbound }).toEqual({ action: name, failure: null, exchange: expect.any(Array), outbound: [] });
      expect(recorded.length, `${name} sent nothing to the sandbox`).toBeGreaterThan(0);
      for (const r of recorded)
        expect({ action: name, exchange: `${r.method} ${r.path}`, status: r.status }).toMatchObject({
          status: expect.toSatisfy((s: number) => s >= 200 && s < 300),
        });
    });
  }
});
