/**
 * The integrations routes no other test reaches on their success path answer what their
 * `describeRoute` documents (response validation is on in tests: a mismatch becomes a 500).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";

let h: Harness;
let dev: string;
let endUser: string;
beforeAll(async () => {
  h = await openHarness();
  dev = await h.signIn("dev@acme.test");
  const key = (
    (await (
      await h.call("POST", `/api/v1/workspaces/${h.acmeId}/api-keys`, { token: dev, body: { name: "documented answers", scopes: ["end_users"] } })
    ).json()) as { key: string }
  ).key;
  const session = (await (await h.call("POST", "/api/v1/connect/sessions", { token: key, body: { end_user_id: "user_documented" } })).json()) as {
    token: string;
  };
  endUser = ((await (await h.call("POST", "/api/v1/connect/exchange", { body: { token: session.token } })).json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await h.close();
});

describe("documented answers", () => {
  it("lists, saves and deletes OAuth apps and lists custom providers", async () => {
    const ws = `/api/v1/workspaces/${h.acmeId}`;
    const saved = await h.call("PUT", `${ws}/oauth-apps/github`, {
      token: dev,
      body: { client_id: "Iv1.documented", client_secret: "s3cret", scopes: ["repo"] },
    });
    expect(saved.status).toBe(200);
    const apps = await h.call("GET", `${ws}/oauth-apps`, { token: dev });
    expect(apps.status).toBe(200);
    expect(((await apps.json()) as { items: { provider: string }[] }).items.map((a) => a.provider)).toContain("github");
    expect((await h.call("GET", `${ws}/custom-providers`, { token: dev })).status).toBe(200);
    expect((await h.call("DELETE", `${ws}/oauth-apps/github`, { token: dev })).status).toBe(204);
  });

  it("answers the end user their connections, the branding, the providers and an authorization URL", async () => {
    await h.call("PUT", `/api/v1/workspaces/${h.acmeId}/oauth-apps/slack`, { token: dev, body: { client_id: "1234.5678", client_secret: "s3cret" } });
    const as = (method: string, path: string, body?: unknown) => h.call(method, `/api/v1/client${path}`, { token: endUser, body });
    const connections = await as("GET", "/connections");
    expect(connections.status).toBe(200);
    expect(await connections.json()).toEqual({ items: [] });
    expect((await as("GET", "/branding")).status).toBe(200);
    const providers = await as("GET", "/providers");
    expect(providers.status).toBe(200);
    expect(((await providers.json()) as { items: { key: string }[] }).items.map((p) => p.key)).toContain("slack");
    const started = await as("POST", "/connections/auth-url", { provider: "slack" });
    expect(started.status).toBe(200);
    const { auth_url, state } = (await started.json()) as { auth_url: string; state: string };
    expect(new URL(auth_url).searchParams.get("state")).toBe(state);
  });
});
