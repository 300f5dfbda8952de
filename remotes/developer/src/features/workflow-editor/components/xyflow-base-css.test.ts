import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { XYFLOW_BASE_CSS } from "./xyflow-base-css";

describe("XYFLOW_BASE_CSS", () => {
  it("is the installed @xyflow/react base.css", () => {
    const require = createRequire(import.meta.url);
    const file = require.resolve("@xyflow/react/dist/base.css");
    expect(XYFLOW_BASE_CSS).toBe(readFileSync(file, "utf8"));
  });
});
