/** Entry files are revalidated on every load; content-hashed chunks are cached for good. */
import { expect, test } from "@playwright/test";

test("manifests and entries are no-cache, hashed chunks immutable", async ({ request }) => {
  const manifest = await request.get("/remotes/developer/mf-manifest.json");
  expect(manifest.headers()["cache-control"]).toBe("no-cache");
  const body = await manifest.json();
  const entry = await request.get(`/remotes/developer/${body.metaData.remoteEntry.name}`);
  expect(entry.headers()["cache-control"]).toBe("no-cache");
  expect((await request.get("/main.js")).headers()["cache-control"]).toBe("no-cache");

  const chunks: string[] = body.exposes.flatMap((e: { assets: { js: { sync: string[]; async: string[] } } }) => [...e.assets.js.sync, ...e.assets.js.async]);
  const hashed = chunks.find((c) => /\.[0-9a-f]{8}\.js$/.test(c));
  expect(hashed, "the manifest lists a content-hashed chunk").toBeTruthy();
  const chunk = await request.get(`/remotes/developer/${hashed}`);
  expect(chunk.status()).toBe(200);
  expect(chunk.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
});
