import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./src/testing/global-setup.ts"],
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    // request logs are for operators; tests print only warnings and errors
    // NHOOD_VALIDATE_RESPONSES: every documented answer is checked against its schema (lib/response-validation.ts)
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn", NHOOD_VALIDATE_RESPONSES: "1" },
    hookTimeout: 60_000,
    // each file opens its own pools on one shared test database
    fileParallelism: true,
    maxWorkers: 2,
  },
});
