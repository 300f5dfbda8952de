/**
 * MFA routes. The second-factor step of sign-in (`/auth/mfa/…`, authenticated only by the
 * pending-MFA token of mfa/challenge.ts), a person's own factors (`/me/mfa/…`, a session) and a
 * workspace's MFA enforcement and member reset (`/workspaces/{id}/security`, its owner).
 */
import { Hono } from "hono";
import { z } from "zod";
import {
  enrolConfirmRequestSchema,
  enrolledSessionSchema,
  memberMfaListSchema,
  mfaFactorSchema,
  mfaStatusSchema,
  mfaTokenRequestSchema,
  mfaVerifyRequestSchema,
  passkeyRegisterRequestSchema,
  passkeyVerifyRequestSchema,
  recoveryCodesSchema,
  renameFactorRequestSchema,
  sessionResponseSchema,
  totpConfirmRequestSchema,
  totpEnrolmentSchema,
  webauthnOptionsSchema,
  workspaceSecuritySchema,
} from "@nhood/contracts";
import { and, eq, inArray, isNotNull, ne } from "drizzle-orm";
import type { AppEnv, Deps } from "../../../lib/http";
import { validate } from "../../../lib/validate";
import { describeRoute } from "../../../lib/describe";
import { withUser, withWorkspace } from "../../../db/tenant";
import { findFirst } from "../../../db/find-first";
import { Forbidden, NotFound, Unauthorized, ValidationFailed } from "../../../lib/errors";
import { setSessionCookies } from "../cookies";
import { issueSignedInSession } from "../sessions";
import { requireUser, requireWorkspace } from "../guards";
import { listMembers } from "../hierarchy";
import { memberships, mfaFactors, users } from "../schema";
import { completeChallenge, failChallenge, openChallenge, setWebauthnChallenge } from "./challenge";
import {
  beginTotpEnrolment,
  checkTotp,
  clearFactors,
  confirmTotpEnrolment,
  emailOf,
  generateRecoveryCodes,
  listFactors,
  recoveryCodesLeft,
  removeFactor,
  renameFactor,
  useRecoveryCode,
} from "./factors";
import { mfaRequiredFor, setWorkspaceMfaRequired, workspaceMfaRequired } from "./policy";
import { passkeyAuthenticationOptions, passkeyRegistrationOptions, registerPasskey, verifyPasskeyAssertion } from "./passkeys";

const wsParam = z.object({ workspace_id: z.string() });
const factorParam = z.object({ factor_id: z.uuid() });
const memberParam = wsParam.extend({ membership_id: z.uuid() });
const OWNER = ["owner"] as const;

export function mfaRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .post(
      "/auth/mfa/verify",
      describeRoute({
        summary: "Finish signing in with a second factor",
        tags: ["auth"],
        operationId: "verifySecondFactor",
        security: "none",
        description:
          "The second step of a sign-in that answered `mfa_required`: the `mfa_token` with the current 6-digit TOTP `code` (RFC 6238, one step of drift allowed; a code is accepted once, so the same code again is a 401) or one unused `recovery_code` (spent). Answers the session, as `POST /auth/login` does without MFA. Five wrong codes end the step (sign in with the password again). Every attempt is audited.",
        requestExample: { mfa_token: "…", code: "123456" },
        responses: { 200: { description: "Signed in", schema: sessionResponseSchema } },
        errors: [400, 401, 403, 429],
      }),
      validate("json", mfaVerifyRequestSchema),
      async (c) => {
        const body = c.req.valid("json");
        const ch = await openChallenge(db, body.mfa_token, "verify");
        if ("code" in body) {
          const ok = await checkTotp(db, ch.userId, body.code);
          if (ok !== true) await failChallenge(db, ch, "totp", ok);
          await completeChallenge(db, ch, "totp");
        } else {
          if (!(await useRecoveryCode(db, ch.userId, body.recovery_code))) await failChallenge(db, ch, "recovery_code", "wrong_recovery_code");
          await completeChallenge(db, ch, "recovery_code");
        }
        const session = await issueSignedInSession(db, ch.userId, ch.activeWorkspaceId, "password+mfa");
        setSessionCookies(c, session.response.access_token, session.refreshToken);
        return c.json(session.response);
      },
    )
    .post(
      "/auth/mfa/passkey/options",
      describeRoute({
        summary: "Ask for a passkey assertion",
        tags: ["auth"],
        operationId: "passkeySignInOptions",
        security: "none",
        description:
          "For a sign-in that answered `mfa_required` with `passkey` among its methods: WebAuthn request options (a fresh challenge, the person's credentials) for `navigator.credentials.get()`.",
        responses: { 200: { description: "PublicKeyCredentialRequestOptionsJSON", schema: webauthnOptionsSchema } },
        errors: [400, 401, 403],
      }),
      validate("json", mfaTokenRequestSchema),
      async (c) => {
        const ch = await openChallenge(db, c.req.valid("json").mfa_token, "verify");
        const options = await passkeyAuthenticationOptions(db, ch.userId);
        await setWebauthnChallenge(db, ch, options.challenge);
        return c.json(options as unknown as Record<string, unknown>);
      },
    )
    .post(
      "/auth/mfa/passkey/verify",
      describeRoute({
        summary: "Finish signing in with a passkey",
        tags: ["auth"],
        operationId: "verifyPasskey",
        security: "none",
        description:
          "The browser's assertion for the options above (WebAuthn §7.2: challenge, origin, RP id, user presence and verification, signature, counter). Answers the session; a wrong or replayed assertion is a 401 and audited.",
        responses: { 200: { description: "Signed in", schema: sessionResponseSchema } },
        errors: [400, 401, 403],
      }),
      validate("json", passkeyVerifyRequestSchema),
      async (c) => {
        const body = c.req.valid("json");
        const ch = await openChallenge(db, body.mfa_token, "verify");
        const ok = ch.webauthnChallenge ? await verifyPasskeyAssertion(db, ch.userId, ch.webauthnChallenge, body.credential) : "no_challenge";
        if (ok !== true) await failChallenge(db, ch, "passkey", ok);
        await completeChallenge(db, ch, "passkey");
        const session = await issueSignedInSession(db, ch.userId, ch.activeWorkspaceId, "password+passkey");
        setSessionCookies(c, session.response.access_token, session.refreshToken);
        return c.json(session.response);
      },
    )
    .post(
      "/auth/mfa/enrol/totp",
      describeRoute({
        summary: "Start the enrolment a sign-in requires",
        tags: ["auth"],
        operationId: "beginRequiredEnrolment",
        security: "none",
        description:
          "For a sign-in that answered `enrolment_required` (platform staff, or a member of a workspace that enforces MFA, with no factor yet): a new TOTP secret, its `otpauth://` URL and QR code. Confirm it with a first code to finish signing in.",
        responses: { 200: { description: "The secret, shown this once", schema: totpEnrolmentSchema } },
        errors: [400, 401, 403],
      }),
      validate("json", mfaTokenRequestSchema),
      async (c) => {
        const ch = await openChallenge(db, c.req.valid("json").mfa_token, "enrol");
        return c.json(await beginTotpEnrolment(db, ch.userId, await emailOf(db, ch.userId)));
      },
    )
    .post(
      "/auth/mfa/enrol/totp/confirm",
      describeRoute({
        summary: "Confirm the required enrolment and sign in",
        tags: ["auth"],
        operationId: "confirmRequiredEnrolment",
        security: "none",
        description:
          "The first code of the new TOTP factor. Answers the session and the 10 recovery codes, shown this once. A wrong code is a 401 (the step survives up to 5 wrong codes).",
        requestExample: { mfa_token: "…", factor_id: "6f1c2a7e-3b7d-4f5e-9a51-0c2d8e4b9f10", code: "123456" },
        responses: { 200: { description: "Signed in, with recovery codes", schema: enrolledSessionSchema } },
        errors: [400, 401, 403, 404],
      }),
      validate("json", enrolConfirmRequestSchema),
      async (c) => {
        const body = c.req.valid("json");
        const ch = await openChallenge(db, body.mfa_token, "enrol");
        const codes = await confirmTotpEnrolment(db, ch.userId, body.factor_id, body.code).catch(async (e) => {
          if (e instanceof NotFound) throw e;
          return failChallenge(db, ch, "totp", "wrong_code");
        });
        await completeChallenge(db, ch, "totp");
        const session = await issueSignedInSession(db, ch.userId, ch.activeWorkspaceId, "password+mfa_enrolment");
        setSessionCookies(c, session.response.access_token, session.refreshToken);
        return c.json({ ...session.response, recovery_codes: codes });
      },
    )
    .get(
      "/me/mfa",
      describeRoute({
        summary: "Read my second factors",
        tags: ["mfa"],
        operationId: "getMyMfa",
        security: "session",
        description: "The signed-in person's confirmed factors (TOTP apps, passkeys), how many recovery codes are left and whether MFA is required of them.",
        responses: { 200: { description: "Factors", schema: mfaStatusSchema } },
        errors: [401],
      }),
      async (c) => {
        const p = requireUser(c);
        return c.json({
          factors: await listFactors(db, p.userId),
          recovery_codes_left: await recoveryCodesLeft(db, p.userId),
          required: await mfaRequiredFor(db, { id: p.userId, platform_role: p.platformRole }),
        });
      },
    )
    .post(
      "/me/mfa/totp",
      describeRoute({
        summary: "Start adding an authenticator app",
        tags: ["mfa"],
        operationId: "beginTotpEnrolment",
        security: "session",
        description: "A new TOTP secret with its `otpauth://` URL and QR code (shown this once); it counts only once confirmed with a first code.",
        responses: { 200: { description: "The secret", schema: totpEnrolmentSchema } },
        errors: [401, 403],
      }),
      async (c) => {
        const p = requireUser(c);
        return c.json(await beginTotpEnrolment(db, p.userId, p.email));
      },
    )
    .post(
      "/me/mfa/totp/:factor_id/confirm",
      describeRoute({
        summary: "Confirm an authenticator app",
        tags: ["mfa"],
        operationId: "confirmTotpEnrolment",
        security: "session",
        description:
          "The app's current code proves it holds the secret. Answers 10 recovery codes (shown this once) when the person had none left, else `recovery_codes: null`. A wrong code is a 400 naming `#/code` (audited `auth.mfa_failed`): the session is fine, so no 401 that would send a client to refresh it and try again.",
        requestExample: { code: "123456" },
        responses: { 200: { description: "Confirmed", schema: recoveryCodesSchema } },
        errors: [400, 401, 403, 404],
      }),
      validate("param", factorParam),
      validate("json", totpConfirmRequestSchema),
      async (c) => {
        const p = requireUser(c);
        const codes = await confirmTotpEnrolment(db, p.userId, c.req.valid("param").factor_id, c.req.valid("json").code).catch((e: unknown) => {
          if (e instanceof Unauthorized) throw new ValidationFailed([{ pointer: "#/code", detail: e.message }], e.message);
          throw e;
        });
        return c.json({ recovery_codes: codes });
      },
    )
    .post(
      "/me/mfa/passkeys/options",
      describeRoute({
        summary: "Start adding a passkey",
        tags: ["mfa"],
        operationId: "passkeyRegistrationOptions",
        security: "session",
        description:
          "WebAuthn creation options (`none` attestation, resident key preferred, user verification preferred) for `navigator.credentials.create()`; valid 5 minutes.",
        responses: { 200: { description: "PublicKeyCredentialCreationOptionsJSON", schema: webauthnOptionsSchema } },
        errors: [401, 403],
      }),
      async (c) => {
        const p = requireUser(c);
        return c.json((await passkeyRegistrationOptions(db, p.userId, p.email, p.name)) as unknown as Record<string, unknown>);
      },
    )
    .post(
      "/me/mfa/passkeys",
      describeRoute({
        summary: "Add a passkey",
        tags: ["mfa"],
        operationId: "registerPasskey",
        security: "session",
        description:
          "The browser's attestation for the options above, verified per WebAuthn §7.1 (challenge, origin, RP id, user presence); stores the credential's public key. A wrong or stale attestation is a 400 naming `credential`.",
        responses: { 201: { description: "The new factor", schema: mfaFactorSchema } },
        errors: [400, 401, 403],
      }),
      validate("json", passkeyRegisterRequestSchema),
      async (c) => {
        const p = requireUser(c);
        const body = c.req.valid("json");
        return c.json(await registerPasskey(db, p.userId, body.credential, body.label), 201);
      },
    )
    .patch(
      "/me/mfa/factors/:factor_id",
      describeRoute({
        summary: "Rename a second factor",
        tags: ["mfa"],
        operationId: "renameFactor",
        security: "session",
        description: "Gives one of the person's confirmed factors a name of their choosing (1–80 characters), shown on their security page.",
        requestExample: { label: "Work laptop" },
        responses: { 200: { description: "The factor", schema: mfaFactorSchema } },
        errors: [400, 401, 403, 404],
      }),
      validate("param", factorParam),
      validate("json", renameFactorRequestSchema),
      async (c) => {
        const p = requireUser(c);
        return c.json(await renameFactor(db, p.userId, c.req.valid("param").factor_id, c.req.valid("json").label));
      },
    )
    .delete(
      "/me/mfa/factors/:factor_id",
      describeRoute({
        summary: "Remove a second factor",
        tags: ["mfa"],
        operationId: "removeFactor",
        security: "session",
        description:
          "Removes one of the person's factors (audited). The last factor of someone who must use MFA cannot go (409); with no factor left, the recovery codes go too.",
        responses: { 204: { description: "Removed" } },
        errors: [401, 403, 404, 409],
      }),
      validate("param", factorParam),
      async (c) => {
        const p = requireUser(c);
        const required = await mfaRequiredFor(db, { id: p.userId, platform_role: p.platformRole });
        await removeFactor(db, p.userId, c.req.valid("param").factor_id, { required, by: p.userId });
        return c.body(null, 204);
      },
    )
    .post(
      "/me/mfa/recovery-codes",
      describeRoute({
        summary: "Replace my recovery codes",
        tags: ["mfa"],
        operationId: "regenerateRecoveryCodes",
        security: "session",
        description: "10 new recovery codes, shown this once; the old ones stop working. Needs a confirmed factor (409 without).",
        responses: { 200: { description: "The codes", schema: recoveryCodesSchema } },
        errors: [401, 403, 409],
      }),
      async (c) => {
        const p = requireUser(c);
        if ((await listFactors(db, p.userId)).length === 0) throw new Forbidden("Add a second factor first.");
        return c.json({ recovery_codes: await generateRecoveryCodes(db, p.userId) });
      },
    )
    .get(
      "/workspaces/:workspace_id/security",
      describeRoute({
        summary: "Read the workspace's MFA policy",
        tags: ["mfa"],
        operationId: "getWorkspaceSecurity",
        security: "session",
        description: "Whether the workspace requires a second factor of every member. Owners and admins may read it.",
        responses: { 200: { description: "The policy", schema: workspaceSecuritySchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ["owner", "admin"] });
        return c.json({ mfa_required: await withWorkspace(db, a.workspaceId, (tx) => workspaceMfaRequired(tx, a.workspaceId)) });
      },
    )
    .put(
      "/workspaces/:workspace_id/security",
      describeRoute({
        summary: "Require MFA of every member",
        tags: ["mfa"],
        operationId: "setWorkspaceSecurity",
        security: "session",
        description:
          "The owner switches MFA enforcement on or off (audited). With it on, a member without a factor must enrol one at their next sign-in; sessions already open run to their end.",
        requestExample: { mfa_required: true },
        responses: { 200: { description: "The policy", schema: workspaceSecuritySchema } },
      }),
      validate("param", wsParam),
      validate("json", workspaceSecuritySchema),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: OWNER });
        const { mfa_required } = c.req.valid("json");
        await setWorkspaceMfaRequired(db, a.workspaceId, mfa_required, requireUser(c).userId);
        return c.json({ mfa_required });
      },
    )
    .get(
      "/workspaces/:workspace_id/security/members",
      describeRoute({
        summary: "See which members use MFA",
        tags: ["mfa"],
        operationId: "listMemberMfa",
        security: "session",
        description:
          "Every member of the workspace, by name, with the kinds of confirmed second factor they have (`factors: []`: none yet). Never the factors themselves. Owners and admins may read it.",
        responses: { 200: { description: "The members", schema: memberMfaListSchema } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ["owner", "admin"] });
        const members = await withWorkspace(db, a.workspaceId, (tx) => listMembers(tx, a.workspaceId));
        const ids = members.map((m) => m.user_id);
        const rows = ids.length
          ? await db
              .selectDistinct({ userId: mfaFactors.userId, kind: mfaFactors.kind })
              .from(mfaFactors)
              .where(and(inArray(mfaFactors.userId, ids), isNotNull(mfaFactors.confirmedAt)))
          : [];
        const kinds = new Map<string, ("totp" | "passkey")[]>();
        for (const r of rows) kinds.set(r.userId, [...(kinds.get(r.userId) ?? []), r.kind].sort());
        return c.json({
          items: members.map((m) => ({ membership_id: m.membership_id, name: m.name, email: m.email, role: m.role, factors: kinds.get(m.user_id) ?? [] })),
        });
      },
    )
    .delete(
      "/workspaces/:workspace_id/members/:membership_id/mfa",
      describeRoute({
        summary: "Reset a member's second factors",
        tags: ["mfa"],
        operationId: "resetMemberMfa",
        security: "session",
        description:
          "The owner removes every factor and recovery code of a member who lost them (audited); the member enrols again at next sign-in if the workspace requires MFA. Platform staff and the owner themself cannot be reset here (403); a member of another workspace is a 404.",
        responses: { 204: { description: "Reset" } },
        errors: [401, 403, 404],
      }),
      validate("param", memberParam),
      async (c) => {
        const { workspace_id, membership_id } = c.req.valid("param");
        const a = await requireWorkspace(deps, c, workspace_id, { roles: OWNER });
        const m = await withWorkspace(db, a.workspaceId, (tx) =>
          findFirst(tx, memberships, and(eq(memberships.id, membership_id), eq(memberships.workspaceId, a.workspaceId))),
        );
        if (!m) throw new NotFound("member");
        const target = await findFirst(db, users, eq(users.id, m.userId), { platformRole: true });
        if (m.userId === requireUser(c).userId || target?.platformRole)
          throw new Forbidden("Reset your own factors on your security page; platform staff are reset by a super admin.");
        // factors belong to the person, not the workspace: an owner may not strip the factors a
        // person also uses for another workspace (that owner could then enrol their own)
        const elsewhere = await withUser(db, m.userId, (tx) =>
          tx
            .select({ id: memberships.id })
            .from(memberships)
            .where(and(eq(memberships.userId, m.userId), ne(memberships.workspaceId, a.workspaceId))),
        );
        if (elsewhere.length)
          throw new Forbidden(
            "This person is also a member of another workspace; they reset their factors with a recovery code, or NeighbourHood support does.",
          );
        await clearFactors(db, m.userId, requireUser(c).userId, a.workspaceId);
        return c.body(null, 204);
      },
    );
}
