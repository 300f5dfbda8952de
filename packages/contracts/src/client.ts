/**
 * The typed client for the BFF, used by the shell, every portal and the tests.
 *
 * Browser use: cookies carry the session (`credentials: "include"`) and every write sends the
 * `X-CSRF-Token` header copied from the `nh_csrf` cookie (double-submit). Server use: pass
 * `token` (an access token or an `nhood_sk_live_` API key) and it is sent as a Bearer token.
 * Every non-2xx answer becomes an {@link ApiError} carrying the RFC 9457 problem.
 */
import { z } from "zod";
import { crmMethods } from "./crm-client";
import { platformOAuthAppListSchema, platformOAuthAppSchema, type SaveOAuthAppRequest } from "./integrations";
import { integrationsMethods } from "./integrations-client";
import { notificationsMethods } from "./notifications-client";
import { problemSchema, type Problem } from "./problem";
import {
  apiKeySchema,
  connectSessionSchema,
  createdApiKeySchema,
  endUserSchema,
  meSchema,
  sessionResponseSchema,
  teamSchema,
  type CreateApiKeyRequest,
  type LoginRequest,
} from "./identity";
import {
  enrolledSessionSchema,
  loginResponseSchema,
  memberMfaListSchema,
  mfaFactorSchema,
  mfaStatusSchema,
  recoveryCodesSchema,
  ssoSettingsSchema,
  ssoStartResponseSchema,
  totpEnrolmentSchema,
  webauthnOptionsSchema,
  workspaceSecuritySchema,
  type MfaVerifyRequest,
  type UpdateSsoSettings,
} from "./mfa";
import {
  billingContactSchema,
  brandingSchema,
  createWorkspaceResponseSchema,
  workspaceBrandingSchema,
  workspaceSummarySchema,
  type CreateWorkspaceRequest,
  type UpdateBillingContactRequest,
  type UpdateBrandingRequest,
} from "./tenancy";
import { portalsResponseSchema } from "./portals";
import {
  acceptedExecutionSchema,
  acceptedExecutionsSchema,
  actionListSchema,
  executionDetailSchema,
  executionPageSchema,
  myExecutionListSchema,
  versionDiffSchema,
  workflowDetailSchema,
  workflowPageSchema,
  workflowValidationSchema,
  workflowVersionListSchema,
  type ExecutionFilter,
  type WorkflowDefinition,
} from "./workflows";
import {
  auditEntrySchema,
  planDefinitionSchema,
  platformMetricsSchema,
  staffMemberSchema,
  workspaceDetailSchema,
  type AdminCreateWorkspaceRequest,
  type AuditQuery,
  type CreateStaffRequest,
  type UpdatePlanRequest,
  type UpdateStaffRequest,
} from "./admin";

/** Query string of an audit filter: empty values are left out. */
function auditSearch(q: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  return p.toString();
}
import { connectionSchema, consentSchema, leadSummarySchema, notificationSchema, page } from "./lists";

/** A non-2xx answer from the BFF; `problem` is the parsed problem+json body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
  }
}

export interface ClientOptions {
  /** origin of the BFF; "" (same origin) in the browser */
  baseUrl?: string;
  /** Bearer token (access token or API key), or a function read on every request (e.g. an end
   * user's connect-session token kept per tab); omit in the browser to use cookies */
  token?: string | (() => string | undefined | null);
  fetch?: typeof fetch;
  /** called once on a 401 before giving up; answer true when a retry may succeed */
  onUnauthorized?: () => Promise<boolean>;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

function readCookie(name: string): string | undefined {
  // read through globalThis: the same client runs in Node (SDK, tests), where there is no DOM
  const doc = (globalThis as { document?: { cookie: string } }).document;
  if (!doc) return undefined;
  const hit = doc.cookie.split("; ").find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : undefined;
}

/** Builds a client; each method validates the answer against its contract schema. */
export function createApiClient(options: ClientOptions = {}) {
  const base = options.baseUrl ?? "";
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));

  async function request<T>(method: Method, path: string, schema: z.ZodType<T> | null, body?: unknown, retried = false): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    const token = typeof options.token === "function" ? options.token() : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    const csrf = readCookie("nh_csrf");
    if (method !== "GET" && csrf) headers["x-csrf-token"] = csrf;
    const res = await doFetch(`${base}${path}`, {
      method,
      headers,
      credentials: "include",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 401 && !retried && options.onUnauthorized && (await options.onUnauthorized())) {
      return request(method, path, schema, body, true);
    }
    if (!res.ok) {
      const raw = await res.json().catch(() => ({}));
      const parsed = problemSchema.safeParse(raw);
      throw new ApiError(res.status, parsed.success ? parsed.data : { type: "about:blank", title: res.statusText || "Request failed", status: res.status });
    }
    if (schema === null || res.status === 204) return undefined as T;
    return schema.parse(await res.json());
  }

  const ws = (id: string) => `/api/v1/workspaces/${encodeURIComponent(id)}`;
  const qs = (cursor?: string | null) => (cursor ? `?cursor=${encodeURIComponent(cursor)}` : "");

  return {
    request,
    health: () => request("GET", "/api/health", z.object({ status: z.string(), database: z.string() })),
    auth: {
      login: (b: LoginRequest) => request("POST", "/api/v1/auth/login", loginResponseSchema, b),
      mfa: {
        verify: (b: MfaVerifyRequest) => request("POST", "/api/v1/auth/mfa/verify", sessionResponseSchema, b),
        passkeyOptions: (mfa_token: string) => request("POST", "/api/v1/auth/mfa/passkey/options", webauthnOptionsSchema, { mfa_token }),
        passkeyVerify: (mfa_token: string, credential: unknown) =>
          request("POST", "/api/v1/auth/mfa/passkey/verify", sessionResponseSchema, { mfa_token, credential }),
        beginEnrolment: (mfa_token: string) => request("POST", "/api/v1/auth/mfa/enrol/totp", totpEnrolmentSchema, { mfa_token }),
        confirmEnrolment: (b: { mfa_token: string; factor_id: string; code: string }) =>
          request("POST", "/api/v1/auth/mfa/enrol/totp/confirm", enrolledSessionSchema, b),
      },
      ssoStart: (email: string) => request("POST", "/api/v1/auth/sso/start", ssoStartResponseSchema, { email }),
      refresh: () => request("POST", "/api/v1/auth/refresh", sessionResponseSchema, {}),
      logout: () => request("POST", "/api/v1/auth/logout", null, {}),
      switchWorkspace: (workspace_id: string) => request("POST", "/api/v1/auth/switch-workspace", sessionResponseSchema, { workspace_id }),
      exchangeConnectSession: (token: string) =>
        request("POST", "/api/v1/connect/exchange", z.object({ access_token: z.string(), expires_in: z.number(), end_user: endUserSchema }), { token }),
    },
    me: () => request("GET", "/api/v1/me", meSchema),
    security: {
      status: () => request("GET", "/api/v1/me/mfa", mfaStatusSchema),
      beginTotp: () => request("POST", "/api/v1/me/mfa/totp", totpEnrolmentSchema, {}),
      confirmTotp: (factorId: string, code: string) =>
        request("POST", `/api/v1/me/mfa/totp/${encodeURIComponent(factorId)}/confirm`, recoveryCodesSchema, { code }),
      passkeyOptions: () => request("POST", "/api/v1/me/mfa/passkeys/options", webauthnOptionsSchema, {}),
      registerPasskey: (credential: unknown, label: string) => request("POST", "/api/v1/me/mfa/passkeys", mfaFactorSchema, { credential, label }),
      renameFactor: (factorId: string, label: string) => request("PATCH", `/api/v1/me/mfa/factors/${encodeURIComponent(factorId)}`, mfaFactorSchema, { label }),
      removeFactor: (factorId: string) => request("DELETE", `/api/v1/me/mfa/factors/${encodeURIComponent(factorId)}`, null),
      regenerateRecoveryCodes: () => request("POST", "/api/v1/me/mfa/recovery-codes", recoveryCodesSchema, {}),
    },
    /** a workspace's sign-in policy (owner writes, owners and admins read): MFA enforcement, member reset, OpenID Connect SSO */
    workspaceSecurity: {
      get: (id: string) => request("GET", `${ws(id)}/security`, workspaceSecuritySchema),
      setMfaRequired: (id: string, mfa_required: boolean) => request("PUT", `${ws(id)}/security`, workspaceSecuritySchema, { mfa_required }),
      members: (id: string) => request("GET", `${ws(id)}/security/members`, memberMfaListSchema),
      resetMemberMfa: (id: string, membershipId: string) => request("DELETE", `${ws(id)}/members/${encodeURIComponent(membershipId)}/mfa`, null),
      sso: (id: string) => request("GET", `${ws(id)}/sso`, ssoSettingsSchema),
      updateSso: (id: string, b: UpdateSsoSettings) => request("PUT", `${ws(id)}/sso`, ssoSettingsSchema, b),
      verifySsoDomain: (id: string) => request("POST", `${ws(id)}/sso/verify-domain`, ssoSettingsSchema, {}),
    },
    portals: () => request("GET", "/api/v1/portals", portalsResponseSchema),
    workspaces: {
      create: (b: CreateWorkspaceRequest) => request("POST", "/api/v1/workspaces", createWorkspaceResponseSchema, b),
      branding: (id: string) => request("GET", `${ws(id)}/branding`, workspaceBrandingSchema),
      updateBranding: (id: string, b: UpdateBrandingRequest) => request("PUT", `${ws(id)}/branding`, workspaceBrandingSchema, b),
      /** checks the custom domain's DNS TXT record or HTTP token now (422 on `#/custom_domain` when neither shows the token) */
      verifyCustomDomain: (id: string) => request("POST", `${ws(id)}/branding/custom-domain/verify`, workspaceBrandingSchema),
      /** the branding of the workspace whose custom domain this page was loaded from (404 on any other host) */
      hostBranding: () => request("GET", "/api/v1/branding", brandingSchema),
      team: (id: string) => request("GET", `${ws(id)}/team`, teamSchema),
      billingContact: (id: string) => request("GET", `${ws(id)}/billing-contact`, billingContactSchema),
      updateBillingContact: (id: string, b: UpdateBillingContactRequest) => request("PUT", `${ws(id)}/billing-contact`, billingContactSchema, b),
    },
    apiKeys: {
      list: (id: string) => request("GET", `${ws(id)}/api-keys`, z.object({ items: z.array(apiKeySchema) })),
      create: (id: string, b: CreateApiKeyRequest) => request("POST", `${ws(id)}/api-keys`, createdApiKeySchema, b),
      revoke: (id: string, keyId: string) => request("DELETE", `${ws(id)}/api-keys/${keyId}`, null),
    },
    endUsers: {
      list: (id: string, cursor?: string | null) => request("GET", `${ws(id)}/end-users${qs(cursor)}`, page(endUserSchema)),
      connectSession: (id: string, endUserId: string) => request("POST", `${ws(id)}/end-users/${endUserId}/connect-session`, connectSessionSchema, {}),
    },
    connectSessions: {
      create: (b: { end_user_id: string; email?: string; name?: string }) => request("POST", "/api/v1/connect/sessions", connectSessionSchema, b),
    },
    workflows: {
      list: (id: string, cursor?: string | null) => request("GET", `${ws(id)}/workflows${qs(cursor)}`, workflowPageSchema),
      create: (id: string, b: WorkflowDefinition & { draft?: boolean }) => request("POST", `${ws(id)}/workflows`, workflowDetailSchema, b),
      get: (id: string, wf: string) => request("GET", `${ws(id)}/workflows/${wf}`, workflowDetailSchema),
      saveDraft: (id: string, wf: string, b: WorkflowDefinition) => request("PUT", `${ws(id)}/workflows/${wf}`, workflowDetailSchema, b),
      validate: (id: string, b: WorkflowDefinition) => request("POST", `${ws(id)}/workflows/validate`, workflowValidationSchema, b),
      publish: (id: string, wf: string) => request("POST", `${ws(id)}/workflows/${wf}/publish`, workflowDetailSchema, {}),
      setEnabled: (id: string, wf: string, enabled: boolean) =>
        request("POST", `${ws(id)}/workflows/${wf}/${enabled ? "enable" : "disable"}`, workflowDetailSchema, {}),
      remove: (id: string, wf: string) => request("DELETE", `${ws(id)}/workflows/${wf}`, null),
      run: (id: string, wf: string, payload: Record<string, unknown>) => request("POST", `${ws(id)}/workflows/${wf}/run`, acceptedExecutionSchema, { payload }),
      versions: (id: string, wf: string) => request("GET", `${ws(id)}/workflows/${wf}/versions`, workflowVersionListSchema),
      compare: (id: string, wf: string, from: number, to: number) =>
        request("GET", `${ws(id)}/workflows/${wf}/versions/compare?from=${from}&to=${to}`, versionDiffSchema),
      rollback: (id: string, wf: string, version: number) => request("POST", `${ws(id)}/workflows/${wf}/rollback`, workflowDetailSchema, { version }),
      rerunFailed: (id: string, wf: string) => request("POST", `${ws(id)}/workflows/${wf}/rerun-failed`, acceptedExecutionsSchema, {}),
      actions: (id: string) => request("GET", `${ws(id)}/workflow-actions`, actionListSchema),
    },
    executions: {
      list: (id: string, f: Partial<ExecutionFilter> = {}) => {
        const p = new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]).toString();
        return request("GET", `${ws(id)}/executions${p ? `?${p}` : ""}`, executionPageSchema);
      },
      get: (id: string, ex: string) => request("GET", `${ws(id)}/executions/${ex}`, executionDetailSchema),
      rerun: (id: string, ex: string, b: { from?: "start" | "failed_step"; version?: "same" | "latest" } = {}) =>
        request("POST", `${ws(id)}/executions/${ex}/rerun`, acceptedExecutionSchema, b),
      cancel: (id: string, ex: string) => request("POST", `${ws(id)}/executions/${ex}/cancel`, null, {}),
      /** the signed-in end user's own executions (client portal) */
      mine: () => request("GET", "/api/v1/client/executions", myExecutionListSchema),
    },
    leads: {
      list: (id: string, cursor?: string | null) => request("GET", `${ws(id)}/leads${qs(cursor)}`, page(leadSummarySchema)),
    },
    crm: crmMethods(request),
    integrations: integrationsMethods(request),
    notify: notificationsMethods(request),
    notifications: {
      list: (id: string, cursor?: string | null) => request("GET", `${ws(id)}/notifications${qs(cursor)}`, page(notificationSchema)),
    },
    client: {
      connections: () => request("GET", "/api/v1/client/connections", z.object({ items: z.array(connectionSchema) })),
      consents: () => request("GET", "/api/v1/client/consents", z.object({ items: z.array(consentSchema) })),
      branding: () => request("GET", "/api/v1/client/branding", brandingSchema),
    },
    admin: {
      workspaces: (q?: string, cursor?: string | null) => {
        const p = new URLSearchParams();
        if (q) p.set("q", q);
        if (cursor) p.set("cursor", cursor);
        const s = p.toString();
        return request("GET", `/api/v1/admin/workspaces${s ? `?${s}` : ""}`, page(workspaceSummarySchema));
      },
      workspace: (id: string) => request("GET", `/api/v1/admin/workspaces/${id}`, workspaceDetailSchema),
      createWorkspace: (b: AdminCreateWorkspaceRequest) => request("POST", "/api/v1/admin/workspaces", createWorkspaceResponseSchema, b),
      changePlan: (id: string, plan: string) => request("PUT", `/api/v1/admin/workspaces/${id}/plan`, workspaceDetailSchema, { plan }),
      suspend: (id: string, reason?: string) => request("POST", `/api/v1/admin/workspaces/${id}/suspend`, workspaceDetailSchema, { reason }),
      reactivate: (id: string) => request("POST", `/api/v1/admin/workspaces/${id}/reactivate`, workspaceDetailSchema, {}),
      deleteWorkspace: (id: string) => request("DELETE", `/api/v1/admin/workspaces/${id}`, workspaceDetailSchema),
      plans: () => request("GET", "/api/v1/admin/plans", z.object({ items: z.array(planDefinitionSchema) })),
      updatePlan: (id: string, b: UpdatePlanRequest) => request("PATCH", `/api/v1/admin/plans/${encodeURIComponent(id)}`, planDefinitionSchema, b),
      staff: () => request("GET", "/api/v1/admin/staff", z.object({ items: z.array(staffMemberSchema) })),
      createStaff: (b: CreateStaffRequest) => request("POST", "/api/v1/admin/staff", staffMemberSchema, b),
      updateStaff: (id: string, b: UpdateStaffRequest) => request("PATCH", `/api/v1/admin/staff/${id}`, staffMemberSchema, b),
      metrics: (days = 14) => request("GET", `/api/v1/admin/metrics?days=${days}`, platformMetricsSchema),
      audit: (q: AuditQuery) => request("GET", `/api/v1/admin/audit?${auditSearch(q)}`, page(auditEntrySchema)),
      /** a same-origin URL that downloads the filtered audit log (the session cookie authenticates it) */
      auditExportUrl: (q: Omit<AuditQuery, "cursor" | "limit">, format: "csv" | "json") => `${base}/api/v1/admin/audit/export?${auditSearch({ ...q, format })}`,
      /** the platform's own OAuth apps, which workspaces without one of their own use */
      oauthApps: () => request("GET", "/api/v1/admin/oauth-apps", platformOAuthAppListSchema),
      saveOAuthApp: (provider: string, b: SaveOAuthAppRequest) =>
        request("PUT", `/api/v1/admin/oauth-apps/${encodeURIComponent(provider)}`, platformOAuthAppSchema, b),
      deleteOAuthApp: (provider: string) => request("DELETE", `/api/v1/admin/oauth-apps/${encodeURIComponent(provider)}`, null),
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
