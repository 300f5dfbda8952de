/**
 * The integrations context's entry point: the only module other contexts and the app import.
 * Integrations owns the provider catalogue and its actions, OAuth apps, end users, connect
 * sessions, connections and their tokens, purposes and consents, provider webhooks, and seed 003's
 * users of a workspace: the end users' roles, status and push tokens, user roles (tables in
 * ./schema.ts, which no other context imports). It depends on identity, tenancy and the kernel.
 * Loading it binds identity's end-user port (`GET /auth/me` of a connect session) and registers
 * the provider actions.
 */
import { eq } from "drizzle-orm";
import { bindEndUserProfile } from "../identity";
import { registerUserCounter } from "../tenancy";
import { endUsers } from "./schema";
import { toEndUser } from "./service";
import { countEndUsers } from "./users";
import "./providers";
import "./sandbox";
import "./tasks";
import "./sealed-columns";

bindEndUserProfile(async (tx, _workspaceId, endUserId) => {
  const [eu] = await tx.select().from(endUsers).where(eq(endUsers.id, endUserId));
  return eu ? toEndUser(eu) : null;
});

// the users quota counts the workspace's app users besides its members (decision 024)
registerUserCounter(countEndUsers);

export { integrationsRoutes } from "./routes";
export {
  ActionFailed,
  findAction,
  invokeAction,
  listActions,
  registerAction,
  type ActionContext,
  type ActionDefinition,
  type ActionResult,
  type ConnectionOwner,
  NEVER_ABORTED,
} from "./actions";
export { workspaceConnectedProviders } from "./workspace-connections";
export { providerTakesConnection } from "./catalogue";
export { externalUserIdOf, upsertEndUser } from "./service";
export { createUser, findUserRow, getUser, toUser, updateUser } from "./users";
export { listUserRoles, unknownUserRoles } from "./user-roles";
export {
  endUserByExternalId,
  endUserEmails,
  endUsersByExternalIds,
  endUsersWithRoles,
  endUsersWithRolesSql,
  type UserRecipient,
} from "./recipients";
export { endUserHasPushTokenSql, pushTokensOf, prunePushToken, savePushTokens, type EndUserPushToken } from "./push-tokens";
export { deletePlatformOAuthApp, listPlatformOAuthApps, savePlatformOAuthApp, type PlatformOAuthAppView } from "./platform-oauth-apps";

/** Domain events integrations appends (kernel/events.ts), for consumers in the contexts above. */
export const INTEGRATIONS_EVENTS = [
  "end_user.created",
  "end_user.updated",
  "end_user.approved",
  "end_user.data_exported",
  "end_user.erasure_requested",
  "end_user.erased",
  "connect_session.created",
  "connect_session.opened",
  "connection.authorization_started",
  "connection.authorization_failed",
  "connection.created",
  "connection.refreshed",
  "connection.revoked",
  "consent.granted",
  "consent.revoked",
  "purpose.created",
  "purpose.updated",
  "oauth_app.saved",
  "oauth_app.deleted",
  "custom_provider.created",
  "provider_webhook.configured",
  "platform_oauth_app.saved",
  "platform_oauth_app.deleted",
  "user_role.created",
  "user_role.updated",
  "user_role.deleted",
  // `<provider>.webhook_received` for each provider's inbound webhooks
] as const;
