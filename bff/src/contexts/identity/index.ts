/**
 * The identity context's entry point: the only module other contexts and the app import.
 * Identity owns users, sessions and refresh tokens, memberships, the reporting hierarchy, API
 * keys and platform staff (tables in ./schema.ts, which no other context imports). It depends on
 * the kernel only; what it needs of workspaces (suspension, the users quota, names) comes through
 * the workspace gate that tenancy binds, and the end user of a connect session through the
 * end-user port that integrations binds.
 */
import "./sealed-columns";
export { identityRoutes } from "./routes";
export { authenticate, forgetResolvedApiKeys, unauthorizedFor, type Principal } from "./principal";
export {
  ADMIN_ROLES,
  ALL_ROLES,
  DEVELOPER_ROLES,
  SALES_ROLES,
  requireClientUser,
  requireEndUser,
  requirePlatformRole,
  requireUser,
  requireWorkspace,
  type ClientPrincipal,
  type EndUserPrincipal,
  type UserPrincipal,
  type WorkspaceAccess,
} from "./guards";
export { bindWorkspaceGate, WorkspaceSuspended, type WorkspaceGate, type WorkspaceState } from "./workspace-gate";
export { bindEndUserProfile, type EndUserProfile } from "./end-user-profile";
export { hashPassword } from "./passwords";
export { signAccessToken } from "./tokens";
export { loadUser } from "./sessions";
export { addMember, type NewMember } from "./members";
export { subtreeIds } from "./hierarchy";
export { createApiKey } from "./api-keys";
export { computeUserHash, demoClientKeys, ensureClientKeys, PUBLISHABLE_KEY_PREFIX, type ClientKeys } from "./publishable-keys";
export { createWorkspaceOwner, emailRegistered, memberCounts, ownerEmails, workspaceMembers } from "./owners";
export { memberNames, memberRole, membersWithRoles, userEmail, type MemberName } from "./directory";
export { createStaff, listStaff, updateStaff } from "./staff";
export { addConfirmedTotp } from "./mfa/factors";
export { totpCode } from "./mfa/totp";
export { bindAccountMailer, sendAccountMail, type AccountMail } from "./account-mail";
export { assertEmailVerified, EmailUnverified, issueVerificationLink, sendVerificationMail } from "./verification";

/** Domain events identity appends (kernel/events.ts), for consumers in the contexts above. */
export const IDENTITY_EVENTS = [
  "api_key.created",
  "api_key.revoked",
  "publishable_key.created",
  "publishable_key.revoked",
  "auth.authorization_failed",
  "auth.credential_rejected",
  "auth.refresh_token_reused",
  "auth.sign_in_failed",
  "auth.sign_in_refused",
  "auth.sign_in_throttled",
  "auth.mfa_challenged",
  "auth.mfa_enrolled",
  "auth.mfa_verified",
  "auth.mfa_failed",
  "auth.mfa_recovery_code_used",
  "auth.mfa_recovery_codes_generated",
  "auth.mfa_factor_removed",
  "auth.sso_signed_in",
  "auth.sso_failed",
  "workspace.mfa_policy_changed",
  "workspace.sso_configured",
  "workspace.sso_domain_verified",
  "auth.signed_in",
  "auth.signed_out",
  "member.added",
  "member.reports_to_changed",
  "member.role_changed",
  "staff.created",
  "staff.role_changed",
  "staff.disabled",
  "staff.enabled",
  "user.email_verified",
  "invitation.created",
  "invitation.revoked",
  "invitation.accepted",
] as const;
