/**
 * The BFF's architecture rules (docs/architecture.md), checked by `pnpm --filter @nhood/bff lint:deps`
 * as part of the BFF's `test` script. Layers, lowest first:
 *   db/, lib/, config.ts  →  kernel/  →  contexts/<ctx>/  →  the app (app.ts, server.ts, static.ts,
 *   jobs/, seed/, testing/, hardening/, contexts/tasks.ts, top-level *.test.ts)
 * A module may import its own layer and the layers below it; a context reaches another context
 * only through that context's entry point `contexts/<other>/index.ts`, and the contexts form a
 * DAG (no cycle between them).
 */
const CONTEXT = "^src/contexts/([^/]+)/";
const LOW = "^src/(db|lib|kernel)/|^src/config\\.ts$";
const APP = "^src/(app|server|static)\\.ts$|^src/(jobs|seed|testing|hardening)/|^src/contexts/tasks\\.ts$|^src/[^/]+\\.test\\.ts$";
const TEST = "\\.test\\.ts$|^src/testing/|^src/contexts/[^/]+/testing/|^src/contexts/[^/]+/test-support\\.ts$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-context-cycle",
      severity: "error",
      comment:
        "Contexts form a DAG (docs/architecture.md): an import of another context must not lead back to this one. A lower context lets a higher one react through a domain event (kernel/events.ts) or a port it declares (identity/workspace-gate.ts).",
      from: { path: CONTEXT },
      to: { path: "^src/contexts/[^/]+/", pathNot: "^src/contexts/$1/", circular: true },
    },
    {
      name: "context-entry-point-only",
      severity: "error",
      comment: "A context imports another context only through its entry point contexts/<other>/index.ts, never its internals. Tests too.",
      from: { path: CONTEXT },
      to: { path: "^src/contexts/[^/]+/", pathNot: ["^src/contexts/$1/", "^src/contexts/[^/]+/index\\.ts$"] },
    },
    {
      name: "no-foreign-schema",
      severity: "error",
      comment:
        "A context reads and writes only its own tables: it never imports another context's schema.ts (foreign keys name their target through db/references.ts).",
      from: { path: CONTEXT },
      to: { path: "^src/contexts/[^/]+/schema\\.ts$", pathNot: "^src/contexts/$1/" },
    },
    {
      name: "references-only-from-schemas",
      severity: "error",
      comment: "The key-only foreign-key targets in db/references.ts are for schema.ts files, not for queries.",
      from: { pathNot: ["^src/contexts/[^/]+/schema\\.ts$", "^src/db/references\\.ts$"] },
      to: { path: "^src/db/references\\.ts$" },
    },
    {
      name: "low-layers-import-no-context",
      severity: "error",
      comment:
        "kernel/, db/ and lib/ depend on no context. Exception: db/schema.ts gathers every context's tables for drizzle-kit (drizzle.config.ts); nothing imports it. Tests of these layers run against the whole app.",
      from: { path: LOW, pathNot: ["^src/db/schema\\.ts$", TEST] },
      to: { path: "^src/contexts/" },
    },
    {
      name: "no-import-of-db-schema",
      severity: "error",
      comment:
        "db/schema.ts re-exports every context's tables for drizzle-kit (drizzle.config.ts) alone; a module importing it could reach any table. The client has no schema attached (db/client.ts), so a query names its table by importing it from its owner.",
      from: {},
      to: { path: "^src/db/schema\\.ts$" },
    },
    {
      name: "db-and-lib-below-kernel",
      severity: "error",
      comment: "db/ and lib/ sit below the kernel. Exception: db/schema.ts also gathers the kernel's tables (the event log, the audit log) for drizzle-kit.",
      from: { path: "^src/(db|lib)/", pathNot: [TEST, "^src/db/schema\\.ts$"] },
      to: { path: "^src/kernel/" },
    },
    {
      name: "no-upward-import-of-the-app",
      severity: "error",
      comment:
        "Contexts, the kernel, db/ and lib/ never import the app layer (app.ts, server.ts, jobs/, seed/ …). Tests and test helpers may use the test harness in testing/.",
      from: { path: `${CONTEXT}|${LOW}`, pathNot: TEST },
      to: { path: APP },
    },
    {
      name: "app-through-entry-points",
      severity: "error",
      comment:
        "The app layer uses contexts through their entry points. Exceptions, as fixtures: tests and the test harness may import a context's schema.ts (to set up or inspect rows) and its test-support.ts; the demo seed (seed/demo.ts) writes demo rows straight into tables.",
      from: { path: APP, pathNot: [TEST, "^src/seed/"] },
      to: { path: "^src/contexts/[^/]+/", pathNot: "^src/contexts/[^/]+/index\\.ts$" },
    },
    {
      name: "app-tests-through-entry-points",
      severity: "error",
      comment: "App-level tests and the test harness import a context's entry point, its schema.ts or its test-support.ts (fixtures), nothing else inside it.",
      from: { path: TEST, pathNot: CONTEXT },
      to: { path: "^src/contexts/[^/]+/", pathNot: "^src/contexts/[^/]+/(index|schema|test-support)\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
