/** Turns any thrown value into a readable message, field errors included (RFC 9457 problems). */
import { ApiError } from "@nhood/contracts/client";

export interface FieldProblem {
  /** readable field name, e.g. "scopes.0" or "q" */
  field: string;
  detail: string;
}

export interface ReadableProblem {
  title: string;
  detail?: string;
  fields: FieldProblem[];
  status?: number;
  requestId?: string;
}

/**
 * "/scopes/0" → "scopes.0"; "#/query/q" → "q" (RFC 6901 pointers, ~1 and ~0 unescaped).
 */
export function pointerToField(pointer: string): string {
  const fragment = pointer.startsWith("#");
  const parts = pointer
    .replace(/^#/, "")
    .split("/")
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (fragment && ["query", "path", "header"].includes(parts[0] ?? "") && parts.length > 1) parts.shift();
  return parts.join(".") || "request";
}

const STATUS_TITLES: Record<number, string> = {
  401: "Your session has ended",
  403: "You don't have access to this",
  404: "Not found",
  429: "Too many requests",
};

/** Describes an ApiError, a network failure or any other error for people. */
export function describeError(error: unknown): ReadableProblem {
  if (error instanceof ApiError) {
    const p = error.problem;
    const generic = !p.title || p.title === "about:blank";
    return {
      title: generic ? (STATUS_TITLES[error.status] ?? "Request failed") : p.title,
      detail: p.detail,
      fields: (p.errors ?? []).map((e) => ({ field: pointerToField(e.pointer), detail: e.detail })),
      status: error.status,
      requestId: p.request_id,
    };
  }
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
    return { title: "Can't reach NeighbourHood", detail: "Check your connection and try again.", fields: [] };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { title: "Something went wrong", detail: message || undefined, fields: [] };
}
