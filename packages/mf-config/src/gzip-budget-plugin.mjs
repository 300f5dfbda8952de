/**
 * Fails the build when an app's initial JavaScript, gzipped (node:zlib, level 9), is above its
 * budget. webpack's own `performance` hints measure uncompressed bytes only; this plugin measures
 * what a browser actually downloads.
 *
 * What counts as "initial":
 * - host (`scope: "all"`): every JS file the build emits (an upper bound on what the shell
 *   fetches before the first portal), except chunks that only the shell's own lazy routes load:
 *   those of chunk groups named `lazy-…` (`import(/* webpackChunkName: "lazy-signup" *\/ …)`),
 *   fetched when a visitor opens such a page (sign-up, e-mail verification, invitations).
 * - remote (`scope: "entry"`): remoteEntry.js plus the chunks of every exposed module
 *   (`__federation_expose_*` chunk groups). Shared-library fallback chunks are left out: with
 *   singletons the host's copies are used, so a portal never downloads them.
 */
import { gzipSync } from "node:zlib";
import webpack from "webpack";

const EXPOSE_PREFIX = "__federation_expose_";
/** chunk groups of the host's own on-demand pages: not part of its initial download */
const LAZY_PREFIX = "lazy-";

/**
 * @param {import("webpack").Compilation} compilation
 * @param {"all" | "entry"} scope
 * @returns {Set<string>} JS file names counted in the budget
 */
export function initialFiles(compilation, scope) {
  const files = new Set();
  if (scope === "all") {
    const lazyOnly = new Set();
    for (const chunk of compilation.chunks) {
      const groups = [...chunk.groupsIterable];
      if (groups.length > 0 && groups.every((g) => (g.name ?? "").startsWith(LAZY_PREFIX))) for (const f of chunk.files) lazyOnly.add(f);
    }
    for (const name of Object.keys(compilation.assets)) if (name.endsWith(".js") && !lazyOnly.has(name)) files.add(name);
    return files;
  }
  for (const group of compilation.chunkGroups) {
    const name = group.name ?? "";
    const isEntry = compilation.entrypoints.has(name);
    if (!isEntry && !name.startsWith(EXPOSE_PREFIX)) continue;
    for (const chunk of group.chunks) for (const f of chunk.files) if (f.endsWith(".js")) files.add(f);
  }
  return files;
}

export class GzipBudgetPlugin {
  /**
   * @param {{ label: string, maxKb: number, scope: "all" | "entry" }} options
   *   maxKb is in KiB (1024 bytes) of gzip output
   */
  constructor(options) {
    this.options = options;
  }

  /** @param {import("webpack").Compiler} compiler */
  apply(compiler) {
    const { label, maxKb, scope } = this.options;
    compiler.hooks.thisCompilation.tap("GzipBudgetPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "GzipBudgetPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        let total = 0;
        const rows = [];
        for (const file of initialFiles(compilation, scope)) {
          const source = compilation.getAsset(file)?.source.buffer();
          if (!source) continue;
          const size = gzipSync(source, { level: 9 }).length;
          total += size;
          rows.push(`  ${file}: ${(size / 1024).toFixed(1)} KiB gzip`);
        }
        const summary = `${label} initial JS: ${(total / 1024).toFixed(1)} KiB gzip (budget ${maxKb} KiB)`;
        compilation.getLogger("GzipBudgetPlugin").info(summary);
        if (total > maxKb * 1024) {
          compilation.errors.push(new webpack.WebpackError(`${summary}: over budget\n${rows.join("\n")}`));
        } else if (process.env.NH_BUDGET_REPORT) {
          console.log(`${summary}\n${rows.join("\n")}`);
        }
      });
    });
  }
}
