/**
 * Per-request facts (request id, client IP, user agent, the acting principal) kept in
 * AsyncLocalStorage, so domain events and audit rows can say who and where without threading
 * them through every service call.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface Actor {
  kind: "user" | "api_key" | "end_user" | "system" | "anonymous";
  id: string | null;
}

export interface RequestFacts {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  actor: Actor;
}

export const requestContext = new AsyncLocalStorage<RequestFacts>();

/** Facts of the current request, or a system actor outside a request (jobs, seed). */
export function currentRequest(): RequestFacts {
  return requestContext.getStore() ?? { requestId: "system", ip: null, userAgent: null, actor: { kind: "system", id: null } };
}
