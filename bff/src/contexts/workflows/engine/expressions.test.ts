/** CEL templates and conditions (pure: no database). */
import { describe, expect, it } from "vitest";
import { activation, evaluateCondition, ExpressionError, referencedSteps, render } from "./expressions";
import { buildGraph } from "./definition";
import { validateDefinition } from "./validate";

const act = activation({
  trigger: { customer: { name: "John Doe", age: 42, tags: ["vip"] }, ticket: { priority: "high" } },
  steps: { lookup: { output: { id: 7, ok: true } } },
  end_user: { id: "user_xyz" },
  vars: {},
});

describe("templates", () => {
  it("renders a whole-template field to its value and mixed text to text", () => {
    expect(render({ a: "{{ customer.age }}", b: "Hi {{customer.name}} ({{ customer.age + 1 }})", c: ["{{ steps.lookup.output }}"], d: 3 }, act)).toEqual({
      a: 42,
      b: "Hi John Doe (43)",
      c: [{ id: 7, ok: true }],
      d: 3,
    });
  });

  it("reads the payload by bare root or through trigger, and the end user", () => {
    expect(render("{{ trigger.customer.name == customer.name }} {{ end_user.id }} {{ 'vip' in customer.tags }}", act)).toBe("true user_xyz true");
  });

  it("names the expression when a field is missing", () => {
    expect(() => render("{{ customer.email }}", act)).toThrow(ExpressionError);
    expect(() => render("{{ customer.email }}", act)).toThrow(/customer\.email/);
  });
});

describe("conditions", () => {
  it("accepts the seed's form and requires a bool", () => {
    expect(evaluateCondition("{{ticket.priority}} == 'high'", act)).toBe(true);
    expect(evaluateCondition("{{ticket.priority}} == 'low' || steps.lookup.output.ok", act)).toBe(true);
    expect(() => evaluateCondition("{{ customer.age }}", act)).toThrow(/not a bool/);
  });

  it("finds the steps an expression reads", () => {
    expect(referencedSteps("steps.a.output.x + steps['b'].output.y > 1 && trigger.steps == 1").sort()).toEqual(["a", "b"]);
  });
});

describe("the DSL", () => {
  it("derives ids and dependencies for the seed's Process Support Ticket", () => {
    const g = buildGraph({
      name: "Process Support Ticket",
      trigger: { type: "webhook", path: "/support-ticket" },
      steps: [
        { id: "classify", type: "condition", condition: "{{ticket.priority}} == 'high'", then: ["create_jira"], else: ["send_to_zendesk"] },
        { id: "create_jira", provider: "jira", action: "create_issue", config: {}, retry: { max_attempts: 3, backoff: "exponential" } },
        { id: "send_to_zendesk", provider: "zendesk", action: "create_ticket", config: {} },
        { id: "notify_team", provider: "slack", action: "send_message", config: {}, depends_on: ["classify"] },
        { provider: "slack", action: "send_message", config: {} },
      ],
    });
    expect(g.steps.map((s) => [s.id, s.deps])).toEqual([
      ["classify", []],
      ["create_jira", ["classify"]],
      ["send_to_zendesk", ["classify"]],
      ["notify_team", ["classify"]],
      ["slack_send_message", ["notify_team"]],
    ]);
    expect(g.steps[1]).toMatchObject({ gates: [{ condition: "classify", branch: "then" }], retry: { maxAttempts: 3 } });
  });

  it("reports a duplicate id and a dependency on itself with pointers", () => {
    const errors = validateDefinition({
      name: "x",
      trigger: { type: "manual" },
      steps: [
        { id: "a", provider: "core", action: "transform", config: {} },
        { id: "a", provider: "core", action: "transform", config: {}, depends_on: ["a"] },
      ],
    });
    expect(errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(["#/steps/1/id", "#/steps/1/depends_on/0"]));
  });
});
