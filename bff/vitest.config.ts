import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./src/testing/global-setup.ts"],
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    // request logs are for operators; tests print only warnings and errors
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    hookTimeout: 60_000,
    // each file opens its own pools on one shared test database
    fileParallelism: true,
    maxWorkers: 2,
  },
});
