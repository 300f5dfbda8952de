/**
 * The onboarding calls the shell makes before anyone is signed in (issue 16 part 1): the plans,
 * sign-up, e-mail verification and invitations. Schemas from `@nhood/contracts/onboarding`, an
 * entry point of its own, so they load with these lazy pages and not with the sign-in screen.
 */
import { authApi } from "@nhood/web-kit";
import { createWorkspaceResponseSchema, type CreateWorkspaceRequest } from "@nhood/contracts";
import {
  acceptedInvitationSchema,
  emailVerifiedSchema,
  invitationPreviewSchema,
  publicPlanListSchema,
  verificationSentSchema,
  type AcceptInvitationRequest,
} from "@nhood/contracts/onboarding";

/** Where the sign-up page leaves the new API key for the setup wizard (this tab only; the wizard clears it). */
export const SIGNUP_API_KEY_STORAGE = "nhood.setup.api_key";

export const onboardingApi = {
  plans: () => authApi.request("GET", "/api/v1/plans", publicPlanListSchema),
  signUp: (b: CreateWorkspaceRequest) => authApi.request("POST", "/api/v1/workspaces", createWorkspaceResponseSchema, b),
  verifyEmail: (token: string) => authApi.request("POST", "/api/v1/auth/verify-email", emailVerifiedSchema, { token }),
  resendVerification: () => authApi.request("POST", "/api/v1/auth/verify-email/resend", verificationSentSchema, {}),
  previewInvitation: (token: string) => authApi.request("POST", "/api/v1/invitations/preview", invitationPreviewSchema, { token }),
  acceptInvitation: (b: AcceptInvitationRequest) => authApi.request("POST", "/api/v1/invitations/accept", acceptedInvitationSchema, b),
};
