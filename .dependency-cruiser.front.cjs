/**
 * Dependency rules for the front end (docs/decisions/018-lint-format-and-boundaries.md), run by
 * `pnpm lint` and `pnpm test`:
 *
 *   depcruise --config .dependency-cruiser.front.cjs remotes apps packages/web-kit design-system
 *
 * Each portal (remotes/<portal>/src) and the shell (apps/shell/src) follow bulletproof-react:
 * imports point one way, app → features → shared. Shared is the portal's own components/, lib/,
 * hooks/, and the workspace packages (@nhood/web-kit, @nhood/design-system, @nhood/contracts).
 * A feature never imports another feature: features are composed in app/ (routes, navigation).
 */
const app = "^(remotes/[^/]+|apps/shell)/src";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cross-feature-imports",
      comment:
        "A feature imports no other feature (bulletproof-react). Compose features in app/, or move what two features share to the portal's lib/ or components/ (or to @nhood/web-kit when two portals share it).",
      severity: "error",
      from: { path: `${app}/features/([^/]+)/` },
      to: { path: "^$1/src/features/", pathNot: "^$1/src/features/$2/" },
    },
    {
      name: "no-feature-to-app",
      comment: "Features do not import the app layer (routes, providers, the exposed App): dependencies point app → features.",
      severity: "error",
      from: { path: `${app}/features/` },
      to: { path: "^$1/src/app/" },
    },
    {
      name: "no-shared-to-features-or-app",
      comment: "A portal's shared code (components/, lib/, hooks/, …: anything outside app/ and features/) imports neither features nor the app layer.",
      severity: "error",
      // the entry files (index.ts, bootstrap.tsx) start the app layer
      from: { path: `${app}/`, pathNot: `${app}/((app|features)/|(index|bootstrap)\\.tsx?$)` },
      to: { path: "^$1/src/(app|features)/" },
    },
    {
      name: "no-cross-portal-imports",
      comment: "A portal or the shell never imports another one's source: they are separately deployed remotes; share through a workspace package.",
      severity: "error",
      from: { path: "^(remotes/[^/]+|apps/shell)/" },
      to: { path: "^(remotes/[^/]+|apps/shell)/", pathNot: "^$1/" },
    },
    {
      name: "no-packages-to-apps",
      comment: "Workspace packages (web-kit, design-system, contracts, sdk, mf-config) are shared code: they import no portal and no app.",
      severity: "error",
      from: { path: "^(packages|design-system)/" },
      to: { path: "^(remotes|apps)/" },
    },
    {
      name: "no-circular",
      comment: "No import cycle in the front end.",
      severity: "error",
      from: { path: "^(remotes|apps|packages|design-system)/" },
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that does not resolve is a typo or a missing dependency.",
      severity: "error",
      from: {},
      // exception: @nhood/react-router-impl is a webpack alias (packages/mf-config) for the real router behind the shared facade
      to: { couldNotResolve: true, pathNot: "^@nhood/react-router-impl$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|coverage)/" },
    // no includeOnly: it would hide unresolvable imports
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    preserveSymlinks: false,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mjs", ".js", ".d.ts"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
