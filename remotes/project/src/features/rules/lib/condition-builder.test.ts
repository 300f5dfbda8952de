import { describe, expect, it } from "vitest";
import { buildCondition } from "./condition-builder";

describe("buildCondition", () => {
  it("writes CEL with quoted strings, bare numbers, contains and has()", () => {
    expect(
      buildCondition(
        [
          { field: "event.type", operator: "==", value: "order.completed" },
          { field: "event.payload.amount", operator: ">", value: "1000" },
          { field: "payload.currency", operator: "contains", value: "NG" },
          { field: "payload.meta", operator: "exists", value: "" },
        ],
        "all",
      ),
    ).toBe('event.type == "order.completed" && event.payload.amount > 1000 && payload.currency.contains("NG") && has(payload.meta)');
  });

  it("joins with || for any, skips incomplete rows and escapes quotes", () => {
    expect(
      buildCondition(
        [
          { field: "", operator: "==", value: "x" },
          { field: "event.type", operator: "!=", value: 'say "hi"' },
        ],
        "any",
      ),
    ).toBe('event.type != "say \\"hi\\""');
    expect(buildCondition([], "any")).toBe("true");
  });
});
