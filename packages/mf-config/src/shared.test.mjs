import { describe, expect, it } from "vitest";
import { readCatalog, ROUTER_FACADE, sharedDependencies } from "./shared.mjs";

describe("sharedDependencies", () => {
  const shared = sharedDependencies();
  const catalog = readCatalog();

  it("shares React, the router, react-query, zustand and our packages as singletons", () => {
    expect(Object.keys(shared).sort()).toEqual([
      "@nhood/design-system",
      "@nhood/web-kit",
      "@tanstack/react-query",
      "react",
      "react-dom",
      "react-dom/",
      "react-router",
      "react-router-dom",
      "react/jsx-runtime",
      "zustand",
    ]);
    for (const entry of Object.values(shared)) expect(entry.singleton).toBe(true);
  });

  it("requires exactly the catalog's versions", () => {
    expect(shared.react?.requiredVersion).toBe(catalog.react);
    expect(shared["react/jsx-runtime"]?.requiredVersion).toBe(catalog.react);
    expect(shared["react-dom/"]?.requiredVersion).toBe(catalog["react-dom"]);
    expect(shared["@tanstack/react-query"]?.requiredVersion).toBe(catalog["@tanstack/react-query"]);
    expect(shared.zustand?.requiredVersion).toBe(catalog.zustand);
    expect(shared["react-router-dom"]).toMatchObject({ requiredVersion: catalog["react-router"], version: catalog["react-router"], import: ROUTER_FACADE });
  });

  it("keeps react-router-dom on the same version as react-router", () => {
    expect(catalog["react-router-dom"]).toBe(catalog["react-router"]);
  });
});
