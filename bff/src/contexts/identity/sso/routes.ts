/**
 * SSO routes: the owner's settings (`/workspaces/{id}/sso`, domain proof by DNS TXT) and the
 * public "Sign in with SSO" flow (`/auth/sso/start`, `/auth/sso/callback`). Decision 035.
 */
import { Hono } from "hono";
import { z } from "zod";
import { ssoSettingsSchema, ssoStartRequestSchema, ssoStartResponseSchema, updateSsoSettingsSchema } from "@nhood/contracts";
import type { AppEnv, Deps } from "../../../lib/http";
import { validate } from "../../../lib/validate";
import { describeRoute } from "../../../lib/describe";
import { withWorkspace } from "../../../db/tenant";
import { setSessionCookies } from "../cookies";
import { issueSignedInSession } from "../sessions";
import { requireWorkspace } from "../guards";
import { DomainError } from "../../../lib/errors";
import { readSsoSettings, updateSsoSettings, verifySsoDomain } from "./settings";
import { finishSsoSignIn, startSsoSignIn } from "./oidc";

const wsParam = z.object({ workspace_id: z.string() });

export function ssoRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get(
      "/workspaces/:workspace_id/sso",
      describeRoute({
        summary: "Read the workspace's single sign-on",
        tags: ["sso"],
        operationId: "getSsoSettings",
        security: "session",
        description:
          "Owners and admins read the OpenID Connect settings (never the client secret), the TXT record that proves the e-mail domain and the redirect URI to register at the identity provider.",
        responses: { 200: { description: "The settings", schema: ssoSettingsSchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ["owner", "admin"] });
        return c.json(await withWorkspace(db, a.workspaceId, (tx) => readSsoSettings(tx, a.workspaceId)));
      },
    )
    .put(
      "/workspaces/:workspace_id/sso",
      describeRoute({
        summary: "Set up single sign-on",
        tags: ["sso"],
        operationId: "updateSsoSettings",
        security: "session",
        description:
          "The owner sets the identity provider (issuer, client id, client secret — sealed at rest, omitted to keep the stored one), the role of members created at their first sign-in, whether password sign-in is closed to members (the owner keeps it) and the e-mail domain. A new domain must be proven again by DNS (`POST …/sso/verify-domain`). Audited without the secret.",
        requestExample: {
          issuer: "https://login.acme.example",
          client_id: "neighbourhood",
          client_secret: "…",
          default_role: "member",
          enforced: false,
          email_domain: "acme.example",
        },
        responses: { 200: { description: "The settings", schema: ssoSettingsSchema } },
      }),
      validate("param", wsParam),
      validate("json", updateSsoSettingsSchema),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ["owner"] });
        return c.json(await updateSsoSettings(db, a.workspaceId, c.req.valid("json")));
      },
    )
    .post(
      "/workspaces/:workspace_id/sso/verify-domain",
      describeRoute({
        summary: "Prove the SSO e-mail domain",
        tags: ["sso"],
        operationId: "verifySsoDomain",
        security: "session",
        description:
          "Looks up the TXT record `_nhood-verify.<domain>`; with the expected value the domain is verified and sign-ins with its addresses go to this workspace's provider. A missing or wrong record is a 422 `sso-domain-not-proven` naming `#/email_domain`; a domain another workspace verified is a 409 `external-id-claimed` (audited as `external_id.claim_refused`, decision 034).",
        responses: { 200: { description: "The settings", schema: ssoSettingsSchema } },
        errors: [401, 403, 404, 409, 422, 429],
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ["owner"] });
        return c.json(await verifySsoDomain(db, a.workspaceId));
      },
    )
    .post(
      "/auth/sso/start",
      describeRoute({
        summary: "Start signing in with SSO",
        tags: ["auth"],
        operationId: "startSsoSignIn",
        security: "none",
        description:
          "Finds the workspace whose verified e-mail domain matches and answers the URL of its identity provider (authorization code flow with PKCE, state and nonce). No SSO for the domain is a 404; a provider whose discovery fails or names another issuer is a 502.",
        requestExample: { email: "robin@acme.example" },
        responses: { 200: { description: "Where to send the browser", schema: ssoStartResponseSchema } },
        errors: [400, 404, 429, 502],
      }),
      validate("json", ssoStartRequestSchema),
      async (c) => c.json({ redirect_url: await startSsoSignIn(db, c.req.valid("json").email) }),
    )
    .get(
      "/auth/sso/callback",
      describeRoute({
        summary: "Finish signing in with SSO",
        tags: ["auth"],
        operationId: "finishSsoSignIn",
        security: "none",
        description:
          "The identity provider's redirect. Spends the sign-in's state once, exchanges the code with the PKCE verifier and checks the ID token (issuer, audience, signature, expiry, nonce). The e-mail must be verified and in the workspace's domain; a new person becomes a member with the default role. Sets the session cookies and redirects to the portals. Any failed check is a 401, audited `auth.sso_failed`; a browser (`Accept: text/html`) is redirected instead to the sign-in page with the problem's detail in `?sso_error=`.",
        responses: { 302: { description: "Signed in: to the portals (a browser whose sign-in failed: to `/?sso_error=…`)", headers: { Location: "/" } } },
        errors: [401, 429, 502],
      }),
      async (c) => {
        const signedIn = await finishSsoSignIn(db, new URL(c.req.url)).catch((e: unknown) => {
          // a browser lands here from the identity provider: the sign-in page shows why it failed
          // rather than a bare problem+json document (the detail is audited as auth.sso_failed)
          if (e instanceof DomainError && c.req.header("accept")?.includes("text/html")) return e;
          throw e;
        });
        if (signedIn instanceof DomainError) return c.redirect(`/?sso_error=${encodeURIComponent(signedIn.message)}`, 302);
        const { userId, workspaceId } = signedIn;
        const session = await issueSignedInSession(db, userId, workspaceId, "sso");
        setSessionCookies(c, session.response.access_token, session.refreshToken);
        return c.redirect("/", 302);
      },
    );
}
