/**
 * The workflow routes no other test reaches on their success path answer what their
 * `describeRoute` documents (response validation is on in tests: a mismatch becomes a 500).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";

let h: Harness;
let dev: string;
beforeAll(async () => {
  h = await openHarness();
  dev = await h.signIn("dev@acme.test");
});
afterAll(async () => {
  await h.close();
});

describe("documented answers", () => {
  it("checks a definition without saving it: no problems, or each problem as a pointer", async () => {
    const check = (steps: unknown[]) =>
      h.call("POST", `/api/v1/workspaces/${h.acmeId}/workflows/validate`, {
        token: dev,
        body: { name: "Check only", trigger: { type: "manual" }, steps },
      });
    const fine = await check([{ id: "shape", provider: "core", action: "transform", config: { message: "hi" } }]);
    expect(fine.status).toBe(200);
    expect(((await fine.json()) as { errors: unknown[] }).errors).toEqual([]);
    const broken = await check([
      { id: "a", provider: "core", action: "transform", config: { message: "{{ nope. }}" } },
      { id: "b", provider: "no_such", action: "thing", depends_on: ["a"] },
    ]);
    expect(broken.status).toBe(200);
    const { errors } = (await broken.json()) as { errors: { pointer: string }[] };
    expect(errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(["#/steps/0/config/message", "#/steps/1/action"]));
  });
});
