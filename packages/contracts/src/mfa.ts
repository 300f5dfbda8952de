/**
 * Second factors (TOTP per RFC 6238, passkeys per WebAuthn Level 3, recovery codes) and a
 * workspace's sign-in policy (MFA enforcement, OpenID Connect single sign-on). Decision 035.
 */
import { z } from "zod";
import { emailSchema, sessionResponseSchema, workspaceRoleSchema } from "./identity";

export const secondFactorMethodSchema = z.enum(["totp", "passkey", "recovery_code"]);

/** A password sign-in that needs a second factor: no session yet, only the pending-MFA token. */
export const mfaChallengeSchema = z.object({
  mfa_required: z.literal(true),
  /** opaque, 5 minutes; opens only the /auth/mfa/… routes */
  mfa_token: z.string(),
  methods: z.array(secondFactorMethodSchema),
  /** the account must use MFA but has no factor: enrol one (TOTP) to finish signing in */
  enrolment_required: z.boolean(),
  expires_in: z.number().int(),
});
export type MfaChallenge = z.infer<typeof mfaChallengeSchema>;

/** Answer of `POST /auth/login`: a session, or the second-factor step. */
export const loginResponseSchema = z.union([sessionResponseSchema, mfaChallengeSchema]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "a 6-digit code");
export const mfaVerifyRequestSchema = z.union([
  z.object({ mfa_token: z.string().min(1).max(200), code }),
  z.object({ mfa_token: z.string().min(1).max(200), recovery_code: z.string().trim().min(1).max(40) }),
]);
export type MfaVerifyRequest = z.input<typeof mfaVerifyRequestSchema>;

export const mfaTokenRequestSchema = z.object({ mfa_token: z.string().min(1).max(200) });

export const totpEnrolmentSchema = z.object({
  factor_id: z.uuid(),
  /** base32, for typing into an app by hand */
  secret: z.string(),
  otpauth_url: z.string(),
  /** the otpauth URL as a QR code (an SVG data URL) */
  qr_code: z.string(),
});
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

export const totpConfirmRequestSchema = z.object({ code });
export const enrolConfirmRequestSchema = z.object({ mfa_token: z.string().min(1).max(200), factor_id: z.uuid(), code });

/** The 10 recovery codes, shown this once (null when the person still had codes left). */
export const recoveryCodesSchema = z.object({ recovery_codes: z.array(z.string()).nullable() });

/** Enrolment during sign-in: the session and the recovery codes. */
export const enrolledSessionSchema = sessionResponseSchema.extend({ recovery_codes: z.array(z.string()).nullable() });

export const mfaFactorSchema = z.object({
  id: z.uuid(),
  kind: z.enum(["totp", "passkey"]),
  label: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});
export type MfaFactor = z.infer<typeof mfaFactorSchema>;

export const mfaStatusSchema = z.object({
  factors: z.array(mfaFactorSchema),
  recovery_codes_left: z.number().int(),
  /** platform staff, or a member of a workspace that enforces MFA */
  required: z.boolean(),
});
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

/** WebAuthn options (PublicKeyCredentialCreationOptionsJSON / …RequestOptionsJSON) as sent to the browser. */
export const webauthnOptionsSchema = z.record(z.string(), z.unknown());
/** A WebAuthn credential as serialised by @simplewebauthn/browser (RegistrationResponseJSON / AuthenticationResponseJSON). */
export const webauthnCredentialSchema = z.object({
  id: z.string().min(1),
  rawId: z.string().min(1),
  type: z.literal("public-key"),
  response: z.record(z.string(), z.unknown()),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.string().optional(),
});
/** `PATCH /me/mfa/factors/{id}`: the name a person gives one of their factors. */
export const renameFactorRequestSchema = z.object({ label: z.string().trim().min(1).max(80) });
export const passkeyRegisterRequestSchema = z.object({ credential: webauthnCredentialSchema, label: z.string().trim().min(1).max(80).default("Passkey") });
export const passkeyVerifyRequestSchema = z.object({ mfa_token: z.string().min(1).max(200), credential: webauthnCredentialSchema });

export const workspaceSecuritySchema = z.object({ mfa_required: z.boolean() });
export type WorkspaceSecurity = z.infer<typeof workspaceSecuritySchema>;

/** `GET /workspaces/{id}/security/members`: each member and the kinds of confirmed factor they have (none: no MFA). */
export const memberMfaSchema = z.object({
  membership_id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: workspaceRoleSchema,
  factors: z.array(z.enum(["totp", "passkey"])),
});
export type MemberMfa = z.infer<typeof memberMfaSchema>;
export const memberMfaListSchema = z.object({ items: z.array(memberMfaSchema) });

export const ssoRoleSchema = z.enum(["admin", "developer", "sales_manager", "sales_rep", "member"]);
export const ssoSettingsSchema = z.object({
  issuer: z.string().nullable(),
  client_id: z.string().nullable(),
  has_client_secret: z.boolean(),
  default_role: ssoRoleSchema,
  enforced: z.boolean(),
  email_domain: z.string().nullable(),
  /** the TXT record that proves the domain: `_nhood-verify.<domain>` with this value */
  domain_txt_name: z.string().nullable(),
  domain_txt_value: z.string().nullable(),
  domain_verified: z.boolean(),
  /** where to register the redirect URI at the identity provider */
  redirect_uri: z.string(),
});
export type SsoSettings = z.infer<typeof ssoSettingsSchema>;

export const updateSsoSettingsSchema = z.object({
  issuer: z.url({ protocol: /^https?$/ }).max(500),
  client_id: z.string().trim().min(1).max(200),
  /** omitted: keep the stored one */
  client_secret: z.string().min(1).max(500).optional(),
  default_role: ssoRoleSchema.default("member"),
  enforced: z.boolean().default(false),
  email_domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a domain name such as example.com"),
});
export type UpdateSsoSettings = z.input<typeof updateSsoSettingsSchema>;

export const ssoStartRequestSchema = z.object({ email: emailSchema });
export const ssoStartResponseSchema = z.object({ redirect_url: z.string() });
