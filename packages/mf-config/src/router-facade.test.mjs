/**
 * Guards the router facade: every name an app imports from react-router(-dom) must be provided
 * by router-facade.mjs, or the shared singleton would hand the app `undefined` at run time.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, ROUTER_FACADE } from "./shared.mjs";

const provided = new Set([...readFileSync(ROUTER_FACADE, "utf8").matchAll(/^\s+(\w+),?$/gm)].map((m) => m[1]));

/**
 * @param {string} dir
 * @returns {string[]}
 */
function sourceFiles(dir) {
  /** @type {string[]} */
  let out = [];
  /** @type {string[]} */
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const roots = ["apps/shell/src", "packages/web-kit/src", "design-system/src", ...readdirSync(join(repoRoot, "remotes")).map((r) => `remotes/${r}/src`)];

describe("router facade", () => {
  it("provides every router API the apps import", () => {
    /** @type {string[]} */
    const missing = [];
    for (const root of roots) {
      for (const file of sourceFiles(join(repoRoot, root))) {
        const text = readFileSync(file, "utf8");
        for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+"react-router(?:-dom)?"/g)) {
          if (m[1]) continue;
          for (const raw of (m[2] ?? "").split(",")) {
            const spec = raw.trim();
            if (!spec || spec.startsWith("type ")) continue;
            const name = spec.split(/\s+as\s+/)[0] ?? spec;
            if (!provided.has(name)) missing.push(`${file.slice(repoRoot.length)}: ${name}`);
          }
        }
      }
    }
    expect(provided.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
