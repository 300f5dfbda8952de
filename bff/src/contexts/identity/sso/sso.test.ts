/**
 * Single sign-on per workspace (issue 18 part 3) against a real OpenID Connect provider started
 * here (oidc-provider on 127.0.0.1, allowlisted for outbound calls): domain proof by DNS TXT
 * (an injected resolver), the authorization code flow with PKCE, state and nonce, just-in-time
 * membership with the default role, enforced SSO closing passwords to members — and the attacks:
 * a state that was never issued, a replayed callback (code), a nonce that does not match, a
 * provider that names another issuer, a wrong `iss` in the redirect, an e-mail outside the
 * verified domain, and another workspace claiming the same domain or touching these settings.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../../testing/harness";
import { expectProblem, setCookies, signUpWorkspace, uniqueEmail, waitForAudit, type FreshWorkspace } from "../../../testing/fixtures";
import { bindTxtResolver, ssoRedirectUri } from "./settings";

/** What the test uses of oidc-provider, which ships no types. */
interface LocalProvider {
  proxy: boolean;
  callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void;
  interactionDetails(req: http.IncomingMessage, res: http.ServerResponse): Promise<{ params: { client_id: string } }>;
  interactionFinished(req: http.IncomingMessage, res: http.ServerResponse, result: unknown, opts: unknown): Promise<void>;
  Grant: new (o: { accountId: string; clientId: string }) => { addOIDCScope(scope: string): void; save(): Promise<string> };
}

let h: Harness;
let ws: FreshWorkspace;
let other: FreshWorkspace;
let idp: http.Server;
let issuer: string;
const DOMAIN = `sso-${process.pid}.example`;
/** who the provider signs in next (its account id is the e-mail) */
const accounts = new Map<string, { email: string; email_verified: boolean; name: string }>();
let nextAccount = "";
const txt = new Map<string, string[][]>();

beforeAll(async () => {
  process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1/32,localhost";
  bindTxtResolver(async (name) => txt.get(name) ?? []);
  h = await openHarness();
  ws = await signUpWorkspace(h, "SSO Co", "sso");
  other = await signUpWorkspace(h, "Claim Co", "sso-other");
  const { default: Provider } = (await import("oidc-provider" as string)) as { default: new (issuer: string, conf: unknown) => LocalProvider };
  idp = http.createServer();
  await new Promise<void>((r) => idp.listen(0, "127.0.0.1", () => r()));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      { client_id: "nhood", client_secret: "idp-secret", redirect_uris: [ssoRedirectUri()], grant_types: ["authorization_code"], response_types: ["code"] },
    ],
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id, ...accounts.get(id) }) }),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
  });
  provider.proxy = false;
  const callback = provider.callback();
  // the person "logs in and consents" at once: the interaction is finished for `nextAccount`
  idp.on("request", async (req, res) => {
    if (req.url?.startsWith("/interaction/")) {
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({ accountId: nextAccount, clientId: details.params.client_id });
      grant.addOIDCScope("openid email profile");
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: nextAccount }, consent: { grantId } }, { mergeWithLastSubmission: false });
      return;
    }
    callback(req, res);
  });
});
afterAll(async () => {
  await new Promise((r) => idp.close(r));
  await h.close();
});

/** Follows the provider's redirects with a cookie jar until it sends the browser back to us. */
async function throughProvider(authorizationUrl: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 8; hop++) {
    const res = await fetch(url, { redirect: "manual", headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, ...v] = pair!.split("=");
      jar.set(k!.trim(), v.join("="));
    }
    const location = res.headers.get("location");
    if (!location) throw new Error(`the provider stopped at ${url}: ${res.status} ${await res.text()}`);
    const next = new URL(location, url);
    if (next.toString().startsWith(ssoRedirectUri())) return next;
    url = next.toString();
  }
  throw new Error("too many redirects at the provider");
}

const start = (email: string) => h.call("POST", "/api/v1/auth/sso/start", { body: { email } });
const callback = (u: URL) => h.call("GET", `${u.pathname}${u.search}`);

async function configure(w: FreshWorkspace, body: Record<string, unknown>) {
  const owner = await h.signIn(w.email, w.password);
  return h.call("PUT", `/api/v1/workspaces/${w.workspaceId}/sso`, { token: owner, body });
}

/** A sign-in for a new person of the domain, up to the provider's redirect back to us. */
async function ssoRedirect(local = `p${accounts.size}`): Promise<{ email: string; back: URL }> {
  const email = `${local}@${DOMAIN}`;
  accounts.set(email, { email, email_verified: true, name: `Person ${local}` });
  nextAccount = email;
  const res = await start(email);
  expect(res.status).toBe(200);
  const { redirect_url } = (await res.json()) as { redirect_url: string };
  const u = new URL(redirect_url);
  expect(u.searchParams.get("code_challenge_method")).toBe("S256");
  expect(u.searchParams.get("state")).toBeTruthy();
  expect(u.searchParams.get("nonce")).toBeTruthy();
  return { email, back: await throughProvider(redirect_url) };
}

describe("SSO settings and the e-mail domain", () => {
  it("stores the secret sealed, proves the domain by DNS TXT, and refuses the same domain to another workspace", async () => {
    const res = await configure(ws, { issuer, client_id: "nhood", client_secret: "idp-secret", default_role: "sales_rep", email_domain: DOMAIN });
    expect(res.status).toBe(200);
    const s = (await res.json()) as { has_client_secret: boolean; domain_verified: boolean; domain_txt_name: string; domain_txt_value: string };
    expect(s).toMatchObject({ has_client_secret: true, domain_verified: false, domain_txt_name: `_nhood-verify.${DOMAIN}` });
    expect(JSON.stringify(s)).not.toContain("idp-secret");
    const [row] = await h.owner<
      { sso_client_secret_encrypted: string }[]
    >`select sso_client_secret_encrypted from workspace_auth_settings where workspace_id = ${ws.workspaceId}`;
    expect(row!.sso_client_secret_encrypted).not.toContain("idp-secret");
    // no SSO before the proof
    await expectProblem(await start(`x@${DOMAIN}`), 404);
    const owner = await h.signIn(ws.email, ws.password);
    const verify = () => h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/sso/verify-domain`, { token: owner });
    const unproven = await expectProblem(await verify(), 422);
    expect(unproven.type).toContain("sso-domain-not-proven");
    expect(unproven.errors?.[0]?.pointer).toBe("#/email_domain");
    txt.set(s.domain_txt_name, [["unrelated"], [s.domain_txt_value]]);
    const ok = await verify();
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { domain_verified: boolean }).domain_verified).toBe(true);

    // the other workspace claims the same domain, even with a TXT record it controls
    const o = (await (await configure(other, { issuer, client_id: "nhood", client_secret: "x", email_domain: DOMAIN })).json()) as { domain_txt_value: string };
    txt.set(`_nhood-verify.${DOMAIN}`, [[s.domain_txt_value], [o.domain_txt_value]]);
    const otherOwner = await h.signIn(other.email, other.password);
    const claimed = await expectProblem(await h.call("POST", `/api/v1/workspaces/${other.workspaceId}/sso/verify-domain`, { token: otherOwner }), 409);
    expect(claimed.type).toContain("external-id-claimed");
    expect(claimed.errors?.[0]?.pointer).toBe("#/email_domain");
    expect(JSON.stringify(claimed)).not.toContain(ws.workspaceId);
    const audit = await waitForAudit(h, "external_id.claim_refused");
    expect(audit.find((r) => r.workspace_id === other.workspaceId)?.detail).toMatchObject({ kind: "sso_email_domain", value: DOMAIN });
  });

  it("cannot be read or changed from another workspace, nor by a non-owner", async () => {
    const otherOwner = await h.signIn(other.email, other.password);
    await expectProblem(await h.call("GET", `/api/v1/workspaces/${ws.workspaceId}/sso`, { token: otherOwner }), 404);
    await expectProblem(
      await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/sso`, { token: otherOwner, body: { issuer, client_id: "evil", email_domain: "evil.example" } }),
      404,
    );
    await expectProblem(await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/sso/verify-domain`, { token: otherOwner }), 404);
    const bad = await expectProblem(await configure(ws, { issuer: "not a url", client_id: "nhood", email_domain: DOMAIN }), 400);
    expect(bad.errors?.map((e) => e.pointer)).toContain("#/issuer");
  });
});

describe("Sign in with SSO", () => {
  it("signs a new person in through the provider and makes them a member with the default role", async () => {
    const { email, back } = await ssoRedirect("robin");
    const res = await callback(back);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    const at = setCookies(res).nh_at!.value;
    const me = (await h.call("GET", "/api/v1/me", { token: at }).then((r) => r.json())) as { user: { email: string }; workspace: { id: string; role: string } };
    expect(me.user.email).toBe(email);
    expect(me.workspace).toMatchObject({ id: ws.workspaceId, role: "sales_rep" });
    await waitForAudit(h, "auth.sso_signed_in");
  });

  it("refuses a replayed callback (the same code and state twice)", async () => {
    const { back } = await ssoRedirect();
    expect((await callback(back)).status).toBe(302);
    const again = await expectProblem(await callback(back), 401);
    expect(again.detail).toMatch(/state already used/);
  });

  it("refuses a state it never issued and a callback without one", async () => {
    const { back } = await ssoRedirect();
    const forged = new URL(back);
    forged.searchParams.set("state", "forged-state");
    expect((await expectProblem(await callback(forged), 401)).detail).toMatch(/unknown state/);
    forged.searchParams.delete("state");
    await expectProblem(await callback(forged), 401);
    // a browser coming back from the provider is sent to the sign-in page, which shows the detail
    const browser = await h.call("GET", `${forged.pathname}${forged.search}`, { headers: { accept: "text/html,application/xhtml+xml" } });
    expect(browser.status).toBe(302);
    const to = new URL(browser.headers.get("location")!, "http://x");
    expect(to.pathname).toBe("/");
    expect(to.searchParams.get("sso_error")).toMatch(/Single sign-on failed \(missing state\)/);
    expect(browser.headers.get("set-cookie") ?? "").not.toContain("nh_at=");
  });

  it("refuses an ID token whose nonce does not match the sign-in's", async () => {
    const { back } = await ssoRedirect();
    await h.owner`update sso_logins set nonce = 'another-nonce' where used_at is null and workspace_id = ${ws.workspaceId}`;
    expect((await expectProblem(await callback(back), 401)).detail).toMatch(/token check failed/);
    const rows = await waitForAudit(h, "auth.sso_failed");
    // only the stored nonce differs from a sign-in that succeeds: the ID token's nonce claim is what failed
    expect(rows.some((r) => String(r.detail.detail ?? "").match(/CLAIM_COMPARISON_FAILED/))).toBe(true);
  });

  it("refuses a redirect whose iss names another issuer (RFC 9207)", async () => {
    const { back } = await ssoRedirect();
    const tampered = new URL(back);
    tampered.searchParams.set("iss", "https://evil.example");
    await expectProblem(await callback(tampered), 401);
  });

  it("refuses a provider whose discovery names another issuer", async () => {
    const port = new URL(issuer).port;
    const res = await configure(ws, { issuer: `http://localhost:${port}`, client_id: "nhood", email_domain: DOMAIN });
    expect(res.status).toBe(200);
    const p = await expectProblem(await start(`anyone@${DOMAIN}`), 502);
    expect(p.detail).toMatch(/issuer/i);
    expect((await configure(ws, { issuer, client_id: "nhood", email_domain: DOMAIN })).status).toBe(200);
  });

  it("refuses an e-mail outside the verified domain and an unverified e-mail", async () => {
    const { back } = await ssoRedirect("mallory");
    accounts.set(`mallory@${DOMAIN}`, { email: "mallory@elsewhere.example", email_verified: true, name: "M" });
    expect((await expectProblem(await callback(back), 401)).detail).toMatch(/outside domain/);
    const second = await ssoRedirect("unverified");
    accounts.set(`unverified@${DOMAIN}`, { email: `unverified@${DOMAIN}`, email_verified: false, name: "U" });
    expect((await expectProblem(await callback(second.back), 401)).detail).toMatch(/not verified/);
  });

  it("with SSO enforced, closes password sign-in to members but not to the owner", async () => {
    const owner = await h.signIn(ws.email, ws.password);
    const email = uniqueEmail("pw-member");
    await h.call("POST", `/api/v1/workspaces/${ws.workspaceId}/members`, {
      token: owner,
      body: { email, name: "Pat", password: "member-password-123", role: "developer" },
    });
    expect((await configure(ws, { issuer, client_id: "nhood", email_domain: DOMAIN, enforced: true })).status).toBe(200);
    const refused = await expectProblem(await h.call("POST", "/api/v1/auth/login", { body: { email, password: "member-password-123" } }), 403);
    expect(refused.detail).toMatch(/single sign-on/);
    expect((await h.call("POST", "/api/v1/auth/login", { body: { email: ws.email, password: ws.password } })).status).toBe(200);
    expect((await configure(ws, { issuer, client_id: "nhood", email_domain: DOMAIN, enforced: false })).status).toBe(200);
  });
});
