/**
 * The typed client for the BFF, used by the shell, every portal and the tests.
 *
 * Browser use: cookies carry the session (`credentials: "include"`) and every write sends the
 * `X-CSRF-Token` header copied from the `nh_csrf` cookie (double-submit). Server use: pass
 * `token` (an access token or an `nhood_sk_live_` API key) and it is sent as a Bearer token.
 * Every non-2xx answer becomes an {@link ApiError} carrying the RFC 9457 problem.
 */
import { z } from "zod";
import { problemSchema, type Problem } from "./problem";
import {
  apiKeySchema, connectSessionSchema, createdApiKeySchema, endUserSchema, meSchema,
  sessionResponseSchema, teamSchema, type CreateApiKeyRequest, type LoginRequest,
} from "./identity";
import {
  brandingSchema, createWorkspaceResponseSchema, workspaceSummarySchema,
  type CreateWorkspaceRequest,
} from "./tenancy";
import { portalsResponseSchema } from "./portals";
import {
  connectionSchema, consentSchema, leadSummarySchema, notificationSchema, page, workflowSummarySchema,
} from "./lists";

/** A non-2xx answer from the BFF; `problem` is the parsed problem+json body. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
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
  if (typeof document === "undefined") return undefined;
  const hit = document.cookie.split("; ").find((c) => c.startsWith(`${name}=`));
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
      method, headers, credentials: "include",
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
      login: (b: LoginRequest) => request("POST", "/api/v1/auth/login", sessionResponseSchema, b),
      refresh: () => request("POST", "/api/v1/auth/refresh", sessionResponseSchema, {}),
      logout: () => request("POST", "/api/v1/auth/logout", null, {}),
      switchWorkspace: (workspace_id: string) => request("POST", "/api/v1/auth/switch-workspace", sessionResponseSchema, { workspace_id }),
      exchangeConnectSession: (token: string) =>
        request("POST", "/api/v1/connect/exchange", z.object({ access_token: z.string(), expires_in: z.number(), end_user: endUserSchema }), { token }),
    },
    me: () => request("GET", "/api/v1/me", meSchema),
    portals: () => request("GET", "/api/v1/portals", portalsResponseSchema),
    workspaces: {
      create: (b: CreateWorkspaceRequest) => request("POST", "/api/v1/workspaces", createWorkspaceResponseSchema, b),
      branding: (id: string) => request("GET", `${ws(id)}/branding`, brandingSchema),
      updateBranding: (id: string, b: Partial<z.input<typeof brandingSchema>>) => request("PUT", `${ws(id)}/branding`, brandingSchema, b),
      team: (id: string) => request("GET", `${ws(id)}/team`, teamSchema),
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
      list: (id: string, cursor?: string | null) => request("GET", `${ws(id)}/workflows${qs(cursor)}`, page(workflowSummarySchema)),
    },
    leads: {
      list: (id: string, cursor?: string | null) => request("GET", `${ws(id)}/leads${qs(cursor)}`, page(leadSummarySchema)),
    },
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
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
