/**
 * Builds the publishable package: ESM JavaScript and one bundled `.d.ts` in `dist/`. The private
 * `@nhood/contracts` (a `workspace:*` package that is never published) is bundled into both, so
 * the package depends only on zod and standardwebhooks.
 */
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  target: "node20",
  platform: "node",
  outDir: "dist",
  clean: true,
  sourcemap: true,
  noExternal: ["@nhood/contracts"],
  external: ["zod", "standardwebhooks"],
  // the paths in tsconfig.build.json point the declaration bundler at the contracts' sources, so it inlines them
  tsconfig: "tsconfig.build.json",
  dts: true,
});
