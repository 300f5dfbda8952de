import { afterEach, describe, expect, it } from "vitest";
import { readHostBranding } from "./host-branding";

const put = (text: string) => {
  const el = document.createElement("script");
  el.id = "nh-host-branding";
  el.type = "application/json";
  el.textContent = text;
  document.head.append(el);
};

describe("readHostBranding", () => {
  afterEach(() => document.getElementById("nh-host-branding")?.remove());

  it("answers the branding the BFF wrote into the page", () => {
    const b = { display_name: "Acme </script>", logo_url: "/brand/acme-logo.svg", primary_color: "#0f766e", custom_domain: "portal.acme.example" };
    put(JSON.stringify(b).replace(/</g, "\\u003c"));
    expect(readHostBranding()).toEqual(b);
  });

  it("answers null on the platform's own host or for a broken element", () => {
    expect(readHostBranding()).toBeNull();
    put("{ not json");
    expect(readHostBranding()).toBeNull();
    document.getElementById("nh-host-branding")!.textContent = JSON.stringify({ display_name: 1 });
    expect(readHostBranding()).toBeNull();
  });
});
