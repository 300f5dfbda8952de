#!/usr/bin/env node
/**
 * `pnpm sbom` (also run by `pnpm build` and the Docker build): a CycloneDX 1.6 JSON SBOM of what
 * the BFF runs with — its production dependencies, transitively, as pnpm resolved them from
 * pnpm-lock.yaml (`pnpm list --prod --json --depth Infinity`, offline) — built and serialised with
 * the CycloneDX project's own library (@cyclonedx/cyclonedx-library). Each component has its
 * package URL (purl, `pkg:npm/<name>@<version>`) and the dependency graph is included. Workspace
 * packages (`@nhood/*`) are bundled into the BFF (decision 019) and are listed as components too.
 * Writes `bff/dist/sbom.cdx.json`, or the path given with `--out <file>`. Exit 1 on failure.
 *
 * Why not a whole-tree generator: cdxgen (12.8.4) took 3 minutes here, ran `pnpm install` in the
 * checkout when pointed at the BFF, and mixed in dev dependencies; @cyclonedx/cyclonedx-npm reads
 * npm's lockfile only. Decision 030.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as CDX from "@cyclonedx/cyclonedx-library";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outArg = process.argv.indexOf("--out");
const out = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(root, "bff", "dist", "sbom.cdx.json");

const listed = JSON.parse(
  execFileSync("pnpm", ["--filter", "@nhood/bff", "list", "--prod", "--json", "--depth", "Infinity"], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 }),
);
const app = listed[0];
if (!app || app.name !== "@nhood/bff") throw new Error("pnpm list did not answer the BFF");

const purlOf = (name, version) => `pkg:npm/${name.startsWith("@") ? `%40${name.slice(1)}` : name}@${version}`;
const bom = new CDX.Models.Bom();
bom.serialNumber = `urn:uuid:${crypto.randomUUID()}`;
const appComponent = new CDX.Models.Component(CDX.Enums.ComponentType.Application, app.name, {
  version: app.version,
  bomRef: purlOf(app.name, app.version),
});
bom.metadata.component = appComponent;
bom.metadata.tools.components.add(new CDX.Models.Component(CDX.Enums.ComponentType.Library, "cyclonedx-library", { group: "@cyclonedx", version: "10.3.0" }));

/** one component per name@version; link:/workspace: versions of our own packages become their package.json's */
const components = new Map();
function componentOf(name, dep) {
  let version = dep.version;
  if (/^link:|^file:|^workspace:/.test(version ?? "")) version = JSON.parse(fs.readFileSync(path.join(dep.path, "package.json"), "utf8")).version;
  const key = `${name}@${version}`;
  let c = components.get(key);
  if (!c) {
    c = new CDX.Models.Component(CDX.Enums.ComponentType.Library, name, { version, bomRef: purlOf(name, version) });
    c.purl = purlOf(name, version);
    components.set(key, c);
    bom.components.add(c);
    walk(c, dep.dependencies ?? {});
  }
  return c;
}
function walk(parent, deps) {
  for (const [name, dep] of Object.entries(deps)) parent.dependencies.add(componentOf(name, dep).bomRef);
}
walk(appComponent, app.dependencies ?? {});

const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, serializer.serialize(bom, { sortLists: true, space: 2 }));
console.log(`sbom: ${path.relative(root, out)} (CycloneDX 1.6, ${components.size} components of ${app.name}'s production dependencies)`);
