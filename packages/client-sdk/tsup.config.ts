/**
 * Builds the publishable package: ESM JavaScript and bundled `.d.ts` in `dist/` for the headless
 * core (`index`, no DOM or Node assumptions: fetch plus an injectable EventSource) and the React
 * `<Inbox />` (`react`). The private workspace packages (contracts' types, the design system's
 * branding tokens) are bundled in; React stays a peer dependency. Second, the example page the
 * suite serves at `/examples/inbox` (`dist-examples/`, not published), with React bundled in.
 */
import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts", react: "src/react/index.ts" },
    format: ["esm"],
    target: "es2022",
    platform: "neutral",
    outDir: "dist",
    clean: true,
    sourcemap: true,
    noExternal: ["@nhood/contracts", "@nhood/design-system"],
    external: ["react", "react/jsx-runtime"],
    tsconfig: "tsconfig.build.json",
    dts: true,
  },
  {
    entry: { inbox: "src/examples/inbox-page.tsx" },
    format: ["esm"],
    target: "es2022",
    platform: "browser",
    outDir: "dist-examples",
    clean: true,
    minify: true,
    noExternal: [/.*/],
    env: { NODE_ENV: "production" },
    tsconfig: "tsconfig.build.json",
  },
]);
