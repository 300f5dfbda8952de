import { createWebpackConfig } from "@nhood/mf-config";

// Exposes ./App (src/app/app.tsx); emits remoteEntry.js and mf-manifest.json into dist/.
export default createWebpackConfig({ dir: import.meta.dirname, name: "project", kind: "remote" });
