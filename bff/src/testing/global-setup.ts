/**
 * Vitest global setup: a fresh database on the server in `DATABASE_URL` (the README's test
 * command starts an embedded PostgreSQL when none is given), migrated and granted exactly as
 * `pnpm start` does, then dropped at the end. Test files get its URLs through `inject()`.
 */
import type { TestProject } from "vitest/node";
import { bootstrapDatabase, dropDatabase } from "../db/bootstrap";
import { openDatabase } from "../db/client";
import { seedDemoOnce } from "../seed/demo";

declare module "vitest" {
  export interface ProvidedContext {
    ownerUrl: string;
    appUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set: run the tests with `pnpm test` from the repository root");
  // the seeded template every test file clones (testing/harness.ts)
  const name = `nhood_test_${process.pid}_${Date.now().toString(36)}_tpl`;
  const u = new URL(base);
  u.pathname = `/${name}`;
  const ownerUrl = u.toString();
  const appUrl = await bootstrapDatabase(ownerUrl);
  const handles = openDatabase(appUrl, 2);
  await seedDemoOnce(handles.db);
  await handles.close();
  project.provide("ownerUrl", ownerUrl);
  project.provide("appUrl", appUrl);
  return async () => {
    await dropDatabase(ownerUrl, name);
  };
}
