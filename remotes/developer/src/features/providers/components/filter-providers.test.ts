import { describe, expect, it } from "vitest";
import type { ProviderSummary } from "@nhood/web-kit";
import { filterProviders } from "./filter-providers";

const p = (key: string, category: string, auth_kind: ProviderSummary["auth_kind"], action: string): ProviderSummary => ({
  key,
  name: key[0]!.toUpperCase() + key.slice(1),
  category,
  auth_kind,
  scopes: [],
  credential_fields: [],
  config_fields: [],
  base_url: "",
  docs_url: "",
  logo_url: "",
  color: "#000",
  actions: [{ key: `${key}.${action}`, title: action.replace(/_/g, " ") }],
});
const all = [
  p("slack", "communication", "oauth2", "send_message"),
  p("stripe", "payments", "api_key", "create_customer"),
  p("zendesk", "support", "basic", "create_ticket"),
];

describe("filterProviders", () => {
  it("matches names, keys and action titles case-insensitively", () => {
    expect(filterProviders(all, { q: "SLA", category: "", auth: "" }).map((x) => x.key)).toEqual(["slack"]);
    expect(filterProviders(all, { q: "create customer", category: "", auth: "" }).map((x) => x.key)).toEqual(["stripe"]);
  });
  it("filters by category and auth kind together", () => {
    expect(filterProviders(all, { q: "", category: "support", auth: "" }).map((x) => x.key)).toEqual(["zendesk"]);
    expect(filterProviders(all, { q: "", category: "", auth: "oauth2" }).map((x) => x.key)).toEqual(["slack"]);
    expect(filterProviders(all, { q: "", category: "support", auth: "oauth2" })).toEqual([]);
  });
});
