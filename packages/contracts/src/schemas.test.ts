import { describe, expect, it } from "vitest";
import { apiKeyScopes, createApiKeyRequestSchema, createWorkspaceRequestSchema, updateBrandingRequestSchema, addMemberRequestSchema } from "./index";

describe("contract schemas", () => {
  it("lower-cases emails and strips unknown fields (mass assignment)", () => {
    const parsed = createWorkspaceRequestSchema.parse({ name: " Initech ", email: "Bill@Initech.TEST", password: "a-long-password", plan: "enterprise", workspace_id: "x" });
    expect(parsed).toEqual({ name: "Initech", email: "bill@initech.test", password: "a-long-password" });
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

  it("never lets a member be added as owner", () => {
    expect(addMemberRequestSchema.safeParse({ email: "a@b.test", name: "A", password: "a-long-password", role: "owner" }).success).toBe(false);
  });
});
