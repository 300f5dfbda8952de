/**
 * @nhood/web-kit: the runtime the shell and portals share (a federation singleton): the API
 * client, the session store, the query client, problem messages, the portal frame and the
 * custom-domain branding of the page. The API-key table and dialogs are the subpath
 * `@nhood/web-kit/api-keys` (bundled by the portals that show them, not by the shell).
 */
export { api, authApi, ApiError, isApiError, refreshSession, type ApiClient } from "./api";
export { useSession, useActiveWorkspaceId, useIdentity, type SessionState, type SessionStatus } from "./session-store";
export { loadSession, startConnectSession, switchWorkspace, signOut } from "./session";
export { getBearerToken, setBearerToken } from "./bearer-token";
export { queryClient, QueryProvider } from "./query";
export { describeError, pointerToField, type ReadableProblem, type FieldProblem } from "./problem";
export { ProblemMessage, type ProblemMessageProps } from "./problem-message";
export { PortalFrame, useMarkPortalReady, usePortalPath, type PortalFrameProps } from "./portal-frame";
export { SectionNav, type SectionNavProps } from "./section-nav";
export { formatDate, formatDateTime } from "./format";
export { apiKeyScopes } from "@nhood/contracts";
export type * from "@nhood/contracts";
export { useDebouncedValue } from "./use-debounced-value";
export { LoadMore, type LoadMoreProps } from "./load-more";
export { AsyncContent, type AsyncContentProps } from "./async-content";
export { NavigationGuard, useNavigationBlocker, type Blocker, type BlockerFunction, type NextLocation } from "./navigation-guard";
export { readHostBranding } from "./host-branding";
export { PaymentBanner } from "./payment-banner-lazy";
