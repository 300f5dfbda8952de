import { describe, expect, it } from "vitest";
import { createCrmClientRequestSchema, createMetaFormRequestSchema, ingestLeadRequestSchema, updateStagesRequestSchema } from "./crm";
import { leadQueryString } from "./crm-client";

describe("CRM contracts", () => {
  it("takes a slug client id and origins without paths", () => {
    expect(createCrmClientRequestSchema.parse({ client_id: "acme-homes", name: "Acme Homes", website_origins: ["https://www.acme.test:8443"] })).toEqual({
      client_id: "acme-homes",
      name: "Acme Homes",
      status: "active",
      website_origins: ["https://www.acme.test:8443"],
    });
    const bad = createCrmClientRequestSchema.safeParse({ client_id: "Acme Homes", name: "x", website_origins: ["https://acme.test/contact"] });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join("/")).sort()).toEqual(["client_id", "website_origins/0"]);
  });

  it("keeps unknown ingestion fields (they become raw_payload) and checks known ones", () => {
    expect(ingestLeadRequestSchema.parse({ email: "a@b.test", utm: "x" })).toEqual({ email: "a@b.test", utm: "x" });
    expect(ingestLeadRequestSchema.safeParse({ country: "gb" }).success).toBe(false);
  });

  it("needs numeric Meta ids and snake_case stage keys", () => {
    expect(createMetaFormRequestSchema.safeParse({ page_id: "abc", client_id: "acme" }).success).toBe(false);
    expect(
      updateStagesRequestSchema.safeParse({
        items: [
          { key: "New", label: "New" },
          { key: "won", label: "Won" },
        ],
      }).success,
    ).toBe(false);
  });

  it("builds list query strings from the set filters only", () => {
    expect(leadQueryString({ stage: "new", q: "", cursor: null, sort: "oldest" })).toBe("?stage=new&sort=oldest");
    expect(leadQueryString()).toBe("");
  });
});
