import { describe, expect, it } from "vitest";
import { addStep, connect, disconnect, removeStep, updateStep, withExplicitIds, type Draft } from "./definition";
import { groupProblems } from "./errors";
import { layoutDraft, NODE_H, NODE_W } from "./layout";

const welcome: Draft = {
  name: "Welcome New Customer",
  trigger: { type: "webhook", path: "/new-customer" },
  steps: [
    { provider: "slack", action: "send_message", config: { channel: "#sales", text: "New customer: {{customer.name}}" } },
    { provider: "salesforce", action: "create_lead", config: { email: "{{customer.email}}" } },
  ],
};

describe("editing a draft", () => {
  it("derives the engine's ids for steps without one", () => {
    expect(withExplicitIds(welcome).steps.map((s) => s.id)).toEqual(["slack_send_message", "salesforce_create_lead"]);
  });

  it("adds a step after the selected one with a fresh id, and removes it with its references", () => {
    const a = addStep(welcome, { provider: "slack", action: "send_message" }, "salesforce_create_lead");
    expect(a.id).toBe("slack_send_message_2");
    expect(a.draft.steps[2]).toMatchObject({ id: "slack_send_message_2", depends_on: ["salesforce_create_lead"] });
    const b = connect(a.draft, "slack_send_message", "slack_send_message_2", null);
    expect(b.steps[2]!.depends_on).toEqual(["salesforce_create_lead", "slack_send_message"]);
    expect(disconnect(b, "salesforce_create_lead", "slack_send_message_2").steps[2]!.depends_on).toEqual(["slack_send_message"]);
    expect(removeStep(b, "slack_send_message").steps.map((s) => [s.id, s.depends_on])).toEqual([
      ["salesforce_create_lead", undefined],
      ["slack_send_message_2", ["salesforce_create_lead"]],
    ]);
  });

  it("connects a condition's then/else handles as branches and renames references with the id", () => {
    const c = addStep(welcome, "condition", "slack_send_message");
    const d = connect(c.draft, c.id, "salesforce_create_lead", "else");
    expect(d.steps.find((s) => s.id === "condition")).toMatchObject({ else: ["salesforce_create_lead"] });
    const renamed = updateStep(d, "salesforce_create_lead", (s) => ({ ...s, id: "lead" }));
    expect(renamed.steps.find((s) => s.id === "condition")).toMatchObject({ else: ["lead"] });
  });

  it("lays out the trigger on top and each step below its dependencies", () => {
    const pos = new Map(layoutDraft(withExplicitIds(welcome)).map((p) => [p.id, p]));
    expect(pos.get("trigger")!.y).toBeLessThan(pos.get("slack_send_message")!.y);
    expect(pos.get("slack_send_message")!.y).toBeLessThan(pos.get("salesforce_create_lead")!.y);
  });

  it("lays out a diamond by rank and a condition's then/else branches side by side below it", () => {
    const d: Draft = {
      ...welcome,
      steps: [
        { id: "a", provider: "core", action: "transform", config: {} },
        { id: "check", type: "condition", condition: "{{ steps.a.output.ok }}", then: ["yes"], else: ["no"], depends_on: ["a"] },
        { id: "yes", provider: "core", action: "transform", config: {} },
        { id: "no", provider: "core", action: "transform", config: {} },
        { id: "join", provider: "core", action: "transform", config: {}, depends_on: ["yes", "no", "a"] },
      ],
    };
    const pos = new Map(layoutDraft(d).map((p) => [p.id, p]));
    expect(pos.size).toBe(6);
    const below = (child: string, parent: string) => expect(pos.get(child)!.y).toBeGreaterThanOrEqual(pos.get(parent)!.y + NODE_H);
    below("a", "trigger");
    below("check", "a");
    below("yes", "check");
    below("no", "check");
    below("join", "yes");
    below("join", "no");
    below("join", "a");
    expect(pos.get("yes")!.y).toBe(pos.get("no")!.y);
    expect(Math.abs(pos.get("yes")!.x - pos.get("no")!.x)).toBeGreaterThanOrEqual(NODE_W);
  });

  it("groups publish problems by step and field", () => {
    const g = groupProblems(
      [
        { pointer: "#/steps/1/config/email", detail: "syntax error" },
        { pointer: "#/trigger/path", detail: "taken" },
        { pointer: "#/name", detail: "required" },
      ],
      welcome,
    );
    expect(g.steps.get("salesforce_create_lead")!.get("config/email")).toEqual(["syntax error"]);
    expect(g.trigger.get("path")).toEqual(["taken"]);
    expect(g.other).toHaveLength(1);
  });
});
