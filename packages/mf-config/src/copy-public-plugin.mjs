/** Emits every file of an app's `public/` folder (index.html, favicon…) unchanged into dist. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import webpack from "webpack";

export class CopyPublicPlugin {
  /** @param {string} dir absolute path of the public folder */
  constructor(dir) {
    this.dir = dir;
  }

  /** @param {import("webpack").Compiler} compiler */
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("CopyPublicPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "CopyPublicPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        if (!existsSync(this.dir)) return;
        for (const file of readdirSync(this.dir)) {
          const path = join(this.dir, file);
          compilation.fileDependencies.add(path);
          compilation.emitAsset(file, new webpack.sources.RawSource(readFileSync(path)));
        }
      });
    });
  }
}
