/**
 * Google API error bodies shared by the Gmail, Drive and Meet simulators
 * (https://cloud.google.com/apis/design/errors): `{error: {code, message, status}}`; the older
 * discovery-based APIs (Gmail v1, Drive v3) also carry `errors: [{message, domain, reason,
 * location?, locationType?}]` (https://developers.google.com/workspace/drive/api/guides/handle-errors).
 */
import type { SandboxAnswer, SandboxRequest } from "./registry";

const statuses: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ALREADY_EXISTS",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

/** The `reason` the discovery-based APIs give for each status. */
const reasons: Record<number, string> = {
  400: "invalidArgument",
  401: "authError",
  403: "forbidden",
  404: "notFound",
  409: "conflict",
  429: "rateLimitExceeded",
  500: "backendError",
  503: "backendError",
};

export interface GoogleErrorOptions {
  /** add the `errors: [...]` array of the discovery-based APIs */
  legacy?: boolean;
  /** include the canonical `status` (Drive v3's documented bodies have none) */
  withStatus?: boolean;
  reason?: string;
  location?: string;
  locationType?: "header" | "parameter";
  /** google.rpc error details (e.g. a BadRequest with fieldViolations) */
  details?: unknown[];
}

/** One Google error answer of HTTP `code`. */
export function googleError(code: number, message: string, o: GoogleErrorOptions = {}): SandboxAnswer {
  const error: Record<string, unknown> = { code, message };
  if (o.legacy) {
    error.errors = [
      {
        message,
        domain: "global",
        reason: o.reason ?? reasons[code] ?? (code >= 500 ? "backendError" : "badRequest"),
        ...(o.location ? { location: o.location, locationType: o.locationType ?? "parameter" } : {}),
      },
    ];
  }
  if (o.withStatus !== false) error.status = statuses[code] ?? (code >= 500 ? "INTERNAL" : "FAILED_PRECONDITION");
  if (o.details) error.details = o.details;
  return { status: code, body: { error } };
}

/**
 * The 401 a Google API answers without a usable OAuth access token, or undefined when the request
 * carries `Authorization: Bearer <token>`.
 */
export function googleAuthError(req: SandboxRequest, o: Omit<GoogleErrorOptions, "reason" | "location" | "locationType"> = {}): SandboxAnswer | undefined {
  const auth = req.headers.get("authorization");
  if (auth && /^Bearer\s+\S+/.test(auth)) return undefined;
  const message = auth
    ? "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."
    : "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";
  return googleError(401, message, { ...o, reason: auth ? "authError" : "required", location: "Authorization", locationType: "header" });
}
