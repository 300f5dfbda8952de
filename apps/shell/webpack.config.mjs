import { createWebpackConfig } from "@nhood/mf-config";

export default createWebpackConfig({ dir: import.meta.dirname, name: "shell", kind: "host" });
