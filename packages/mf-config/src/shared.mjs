/**
 * The Module Federation `shared` map used by the shell and every portal.
 *
 * Every entry is a singleton whose `requiredVersion` is the exact version pinned in the pnpm
 * catalog (pnpm-workspace.yaml), so a version can never drift between host and remotes and
 * React, the router, react-query, zustand, the design system and the web kit load once.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The module provided for the router keys (see router-facade.mjs). */
export const ROUTER_FACADE = fileURLToPath(new URL("./router-facade.mjs", import.meta.url));
const ROUTER_KEYS = new Set(["react-router", "react-router-dom"]);

/** Libraries shared as singletons, keyed by the import specifier; value = catalog entry name. */
export const SHARED_LIBRARIES = {
  react: "react",
  "react/jsx-runtime": "react",
  "react-dom": "react-dom",
  // prefix form: shares react-dom/client (and any other subpath) with the same instance
  "react-dom/": "react-dom",
  "react-router": "react-router",
  // react-router-dom 7 is a re-export of react-router: both keys provide the same facade below
  "react-router-dom": "react-router",
  "@tanstack/react-query": "@tanstack/react-query",
  zustand: "zustand",
};

/** Workspace packages shared as singletons; the value is their folder under the repo root. */
export const SHARED_WORKSPACE_PACKAGES = {
  "@nhood/design-system": "design-system",
  "@nhood/web-kit": "packages/web-kit",
};

/**
 * @typedef {{ singleton: true, requiredVersion: string, version?: string, import?: string, strictVersion: false }} SharedEntry
 */

/**
 * Reads the `catalog:` section of pnpm-workspace.yaml.
 * @param {string} [root] repository root
 * @returns {Record<string, string>} package name → exact version
 */
export function readCatalog(root = repoRoot) {
  const doc = parse(readFileSync(`${root}/pnpm-workspace.yaml`, "utf8"));
  return Object.fromEntries(Object.entries(doc.catalog ?? {}).map(([k, v]) => [k, String(v)]));
}

/**
 * Builds the identical `shared` map for host and remotes.
 * Throws when a shared library is missing from the catalog (it must be pinned there).
 * @param {string} [root] repository root
 * @returns {Record<string, SharedEntry>}
 */
export function sharedDependencies(root = repoRoot) {
  const catalog = readCatalog(root);
  /** @type {Record<string, SharedEntry>} */
  const shared = {};
  for (const [specifier, pkg] of Object.entries(SHARED_LIBRARIES)) {
    const version = catalog[pkg];
    if (!version) throw new Error(`@nhood/mf-config: "${pkg}" must be pinned in the pnpm catalog`);
    shared[specifier] = ROUTER_KEYS.has(specifier)
      ? { singleton: true, requiredVersion: version, version, import: ROUTER_FACADE, strictVersion: false }
      : { singleton: true, requiredVersion: version, strictVersion: false };
  }
  for (const [pkg, folder] of Object.entries(SHARED_WORKSPACE_PACKAGES)) {
    const { version } = JSON.parse(readFileSync(`${root}/${folder}/package.json`, "utf8"));
    shared[pkg] = { singleton: true, requiredVersion: version, version, strictVersion: false };
  }
  return shared;
}
