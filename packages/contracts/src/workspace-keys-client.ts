/**
 * The project portal's credential screens' typed calls (issue 15): the client SDK's keys
 * (`GET …/client-keys`, created on first read; `POST …/client-keys/rotate` revokes both and
 * answers new ones, decision 027) and the mobile push credentials (`GET/PUT/DELETE
 * …/push-credentials[/fcm|/apns]`, decision 026: reads never include a private key). Give it the
 * app's `request` (web-kit's `api.request`); errors are the request's (ApiError with the problem).
 */
import { clientKeysSchema } from "./client-sdk";
import type { RequestFn } from "./crm-client";
import { type ApnsCredentialsInput, type FcmCredentialsInput, pushCredentialsSchema } from "./push-credentials";

const ws = (id: string) => `/api/v1/workspaces/${encodeURIComponent(id)}`;

export function workspaceKeysMethods(request: RequestFn) {
  return {
    clientKeys: (workspaceId: string) => request("GET", `${ws(workspaceId)}/client-keys`, clientKeysSchema),
    rotateClientKeys: (workspaceId: string) => request("POST", `${ws(workspaceId)}/client-keys/rotate`, clientKeysSchema),
    pushCredentials: (workspaceId: string) => request("GET", `${ws(workspaceId)}/push-credentials`, pushCredentialsSchema),
    setFcmCredentials: (workspaceId: string, body: FcmCredentialsInput) =>
      request("PUT", `${ws(workspaceId)}/push-credentials/fcm`, pushCredentialsSchema, body),
    setApnsCredentials: (workspaceId: string, body: ApnsCredentialsInput) =>
      request("PUT", `${ws(workspaceId)}/push-credentials/apns`, pushCredentialsSchema, body),
    clearPushCredentials: (workspaceId: string, provider: "fcm" | "apns") => request("DELETE", `${ws(workspaceId)}/push-credentials/${provider}`, null),
  };
}
export type WorkspaceKeysMethods = ReturnType<typeof workspaceKeysMethods>;
