import { describe, expect, it } from "vitest";
import { applyBranding, contrastRatio } from "./branding";

describe("applyBranding", () => {
  it("sets the brand variables with a readable contrast colour", () => {
    const el = document.createElement("div");
    applyBranding({ primary_color: "#fde047" }, el); // light yellow → dark text
    expect(el.style.getPropertyValue("--nh-brand")).toBe("#fde047");
    expect(el.style.getPropertyValue("--nh-brand-contrast")).toBe("#0f172a");
    const text = el.style.getPropertyValue("--nh-brand-text");
    expect(contrastRatio(text, "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });

  it("uses white text on a dark brand and undoes itself", () => {
    const el = document.createElement("div");
    const undo = applyBranding({ primary_color: "#1d4ed8" }, el);
    expect(el.style.getPropertyValue("--nh-brand-contrast")).toBe("#ffffff");
    undo();
    expect(el.style.getPropertyValue("--nh-brand")).toBe("");
  });

  it("ignores a colour that is not #rrggbb", () => {
    const el = document.createElement("div");
    applyBranding({ primary_color: "red" }, el);
    expect(el.style.getPropertyValue("--nh-brand")).toBe("");
  });

  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 0);
    expect(contrastRatio("#4338ca", "#ffffff")).toBeGreaterThan(4.5);
  });
});
