import { describe, expect, it } from "vitest";
import { apiKeyScopes, createApiKeyRequestSchema, createWorkspaceRequestSchema, updateBrandingRequestSchema, addMemberRequestSchema } from "./index";

describe("contract schemas", () => {
  it("lower-cases emails, keeps the plan asked for and strips unknown fields (mass assignment)", () => {
    const parsed = createWorkspaceRequestSchema.parse({
      name: " Initech ",
      email: "Bill@Initech.TEST",
      password: "a-long-password",
      plan: "enterprise",
      workspace_id: "x",
    });
    expect(parsed).toEqual({ name: "Initech", email: "bill@initech.test", password: "a-long-password", plan: "enterprise" });
  });

  it("names the field at fault", () => {
    const r = createWorkspaceRequestSchema.safeParse({ name: "", email: "nope", password: "short" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("/")).sort()).toEqual(["email", "name", "password"]);
  });

  it("gives a new API key every scope unless told otherwise", () => {
    expect(createApiKeyRequestSchema.parse({ name: "ci" }).scopes).toEqual([...apiKeyScopes]);
    expect(createApiKeyRequestSchema.safeParse({ name: "ci", scopes: ["root"] }).success).toBe(false);
  });

  it("accepts only #rrggbb brand colours and http(s) logos", () => {
    expect(updateBrandingRequestSchema.safeParse({ primary_color: "#0f766e" }).success).toBe(true);
    expect(updateBrandingRequestSchema.safeParse({ primary_color: "red" }).success).toBe(false);
    expect(updateBrandingRequestSchema.safeParse({ logo_url: "javascript:alert(1)" }).success).toBe(false);
  });

  it("normalises a custom domain and refuses anything but a host name", () => {
    expect(updateBrandingRequestSchema.parse({ custom_domain: " Notify.Acme.Example. " }).custom_domain).toBe("notify.acme.example");
    expect(updateBrandingRequestSchema.parse({ custom_domain: null }).custom_domain).toBeNull();
    for (const bad of [
      "",
      "localhost",
      "https://acme.example",
      "acme.example:8443",
      "acme.example/x",
      "10.0.0.1",
      "-acme.example",
      "acme-.example",
      "a..example",
      `${"a".repeat(64)}.example`,
      `${"a.".repeat(127)}example`,
      "acme_x.example",
    ]) {
      const r = updateBrandingRequestSchema.safeParse({ custom_domain: bad });
      expect(r.success, bad).toBe(false);
      expect(r.error!.issues[0]!.path).toEqual(["custom_domain"]);
    }
  });

  it("never lets a member be added as owner", () => {
    expect(addMemberRequestSchema.safeParse({ email: "a@b.test", name: "A", password: "a-long-password", role: "owner" }).success).toBe(false);
  });
});
