/**
 * Issue 14, part 6: client authentication at a custom provider's token endpoint, as RFC 6749
 * §2.3.1 describes it and the provider's settings choose (`token_endpoint_auth_method`, RFC 8414
 * names). A real local token endpoint records what it receives during the code exchange:
 * `client_secret_basic` sends the id and secret form-urlencoded (Appendix B) as Basic credentials —
 * `nh-client` stays `nh-client`, not `nh%2Dclient` — and `client_secret_post` sends both in the body.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem, signUpWorkspace, type FreshWorkspace } from "../../testing/fixtures";
import { formUrlEncode } from "./oauth";
import { startProviderServer, type ProviderServer } from "./test-support";

let h: Harness;
let tokenServer: ProviderServer;
let ws: FreshWorkspace;
let dev: string;
const SECRET = "s3cr3t_with-dash.dot~tilde*star +plus/slash=eq%pct é";

beforeAll(async () => {
  process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1";
  h = await openHarness();
  tokenServer = await startProviderServer();
  tokenServer.respond(() => ({
    json: { access_token: "at-1", token_type: "Bearer", expires_in: 3600, refresh_token: "rt-1" },
    headers: { "cache-control": "no-store" },
  }));
  ws = await signUpWorkspace(h, "Client Auth Co", "client-auth");
  dev = await h.signIn(ws.email, ws.password);
});
afterAll(async () => {
  delete process.env.NH_OUTBOUND_ALLOWLIST;
  await tokenServer.close();
  await h.close();
});

/** Registers a custom provider with `method`, its OAuth app, and runs one code exchange; answers the token request. */
async function exchangeWith(slug: string, method?: string) {
  const body = {
    slug,
    name: slug,
    authorization_url: `${tokenServer.url}/authorize`,
    token_url: `${tokenServer.url}/token`,
    api_base_url: `${tokenServer.url}/v1`,
    scopes: ["read"],
    ...(method ? { token_endpoint_auth_method: method } : {}),
  };
  const created = await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/custom-providers`, { token: dev, body });
  expect(created.status).toBe(201);
  expect(await created.json()).toMatchObject({ key: `custom:${slug}`, token_endpoint_auth_method: method ?? "client_secret_basic" });
  const app = await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/oauth-apps/custom:${slug}`, {
    token: dev,
    body: { client_id: "nh-client", client_secret: SECRET },
  });
  expect(app.status).toBe(200);
  const started = await h.call("POST", "/api/v1/integrations/auth-url", {
    token: ws.apiKey,
    body: { provider: `custom:${slug}`, user_id: `user-${slug}`, workspace_id: ws.workspaceId },
  });
  expect(started.status).toBe(200);
  const { state } = (await started.json()) as { state: string };
  tokenServer.requests.length = 0;
  const back = await h.call("GET", `/api/v1/integrations/oauth/callback?${new URLSearchParams({ code: "the-code", state })}`);
  expect(new URL(back.headers.get("location")!, "http://x").searchParams.get("connected")).toBeTruthy();
  const [req] = tokenServer.requests.filter((r) => r.path === "/token");
  expect(req).toBeDefined();
  return { headers: req!.headers, form: new URLSearchParams(req!.body) };
}

describe("form-urlencoding (RFC 6749 Appendix B, the URL Standard's serializer)", () => {
  it("leaves letters, digits and -._* alone and escapes the rest", () => {
    expect(formUrlEncode("nh-client")).toBe("nh-client");
    expect(formUrlEncode("a.b_c*d")).toBe("a.b_c*d");
    expect(formUrlEncode("a b+c/d=e%f~é:")).toBe("a+b%2Bc%2Fd%3De%25f%7E%C3%A9%3A");
  });
});

describe("token endpoint client authentication of custom providers", () => {
  it("client_secret_basic (the default): Basic credentials of the form-urlencoded id and secret, nothing in the body", async () => {
    const { headers, form } = await exchangeWith("basic-api");
    const auth = headers.authorization!;
    expect(auth).toMatch(/^Basic [A-Za-z0-9+/]+=*$/);
    const decoded = Buffer.from(auth.slice(6), "base64").toString("utf8");
    expect(decoded).toBe(`nh-client:${formUrlEncode(SECRET)}`);
    expect(decoded.split(":")[0]).toBe("nh-client");
    const [user, pass] = decoded.split(":").map((p) => decodeURIComponent(p.replaceAll("+", " ")));
    expect([user, pass]).toEqual(["nh-client", SECRET]);
    expect(form.get("client_secret")).toBeNull();
    expect(form.get("grant_type")).toBe("authorization_code");
    expect(form.get("code")).toBe("the-code");
  });

  it("client_secret_post: client_id and client_secret in the form body, no Authorization header", async () => {
    const { headers, form } = await exchangeWith("post-api", "client_secret_post");
    expect(headers.authorization).toBeUndefined();
    expect(form.get("client_id")).toBe("nh-client");
    expect(form.get("client_secret")).toBe(SECRET);
    expect(form.get("grant_type")).toBe("authorization_code");
  });

  it("lists each provider's method and refuses an unknown one with the field at fault", async () => {
    const list = await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/custom-providers`, { token: dev });
    const items = ((await list.json()) as { items: { slug: string; token_endpoint_auth_method: string }[] }).items;
    expect(Object.fromEntries(items.map((i) => [i.slug, i.token_endpoint_auth_method]))).toMatchObject({
      "basic-api": "client_secret_basic",
      "post-api": "client_secret_post",
    });
    const bad = await expectProblem(
      await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/custom-providers`, {
        token: dev,
        body: {
          slug: "jwt-api",
          name: "J",
          authorization_url: "https://93.184.215.14/a",
          token_url: "https://93.184.215.14/t",
          api_base_url: "https://93.184.215.14/",
          token_endpoint_auth_method: "private_key_jwt",
        },
      }),
      400,
    );
    expect(JSON.stringify(bad)).toContain("token_endpoint_auth_method");
  });
});
