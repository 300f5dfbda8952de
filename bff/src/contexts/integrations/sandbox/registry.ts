/**
 * The provider sandbox's simulator registry (test mode, docs/decisions/020-test-mode-and-sandbox.md).
 * A test execution's provider calls do not leave the process: `callProvider` hands the request it
 * would have sent to the provider's simulator, which answers that provider's real API paths with
 * the shapes the provider documents (success and errors).
 *
 * Errors on demand, the same for every provider and applied here before the simulator: a request
 * whose JSON body (or form, or the connection's config) contains `"sandbox_fail": <status>`, or
 * that carries the header `X-Sandbox-Fail: <status>`, answers that status in the provider's own
 * error format (the simulator's `errorAnswer` when it registers one, else a generic JSON error);
 * a 429 carries `Retry-After`.
 */

/** The request `callProvider` would have sent, as the simulator sees it. */
export interface SandboxRequest {
  provider: string;
  action: string;
  method: string;
  url: URL;
  headers: Headers;
  /** parsed JSON, form object, or raw string */
  body: unknown;
}

/** The simulator's answer: the HTTP status, the body (serialised as JSON unless a string) and headers. */
export interface SandboxAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Simulator = (req: SandboxRequest) => SandboxAnswer | Promise<SandboxAnswer>;

/** How a provider formats an error of `status` (used for errors on demand); `message` is a short reason. */
export type ErrorFormat = (status: number, message: string, req: SandboxRequest) => SandboxAnswer;

const simulators = new Map<string, { simulator: Simulator; errorAnswer?: ErrorFormat }>();

/**
 * One simulator per provider; it answers that provider's real API paths with the documented
 * shapes (success and errors). `errorAnswer` (optional) formats errors on demand the provider's way.
 * Registering a provider twice replaces the first.
 */
export function registerSimulator(provider: string, simulator: Simulator, errorAnswer?: ErrorFormat): void {
  simulators.set(provider, { simulator, errorAnswer });
}

/** The simulator registered for `provider`, if any. */
export function simulatorFor(provider: string): Simulator | undefined {
  return simulators.get(provider)?.simulator;
}

/** Providers that have a simulator (sorted). */
export function simulatedProviders(): string[] {
  return [...simulators.keys()].sort();
}

/** Seconds a 429 on demand asks the caller to wait (`Retry-After`). */
export const SANDBOX_RETRY_AFTER_SECONDS = 1;

const failStatus = (v: unknown): number | undefined => {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n >= 400 && n <= 599 ? n : undefined;
};

/** Finds `sandbox_fail` anywhere in a JSON-like value (depth-limited). */
function findFail(value: unknown, depth = 0): number | undefined {
  if (depth > 6 || value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const f = findFail(v, depth + 1);
      if (f) return f;
    }
    return undefined;
  }
  const rec = value as Record<string, unknown>;
  const own = failStatus(rec.sandbox_fail);
  if (own) return own;
  for (const v of Object.values(rec)) {
    const f = findFail(v, depth + 1);
    if (f) return f;
  }
  return undefined;
}

/**
 * The status an error on demand asks for: the `X-Sandbox-Fail` header, else `sandbox_fail` in the
 * body, else in `config` (the sandbox connection's config); undefined when none asks.
 */
export function requestedFailure(req: SandboxRequest, config?: unknown): number | undefined {
  return failStatus(req.headers.get("x-sandbox-fail")) ?? findFail(req.body) ?? findFail(config);
}

/** A generic JSON error for providers whose simulator gives no `errorAnswer`. */
export function genericErrorAnswer(status: number, message: string): SandboxAnswer {
  return { status, body: { error: { status, message } } };
}

const reasons: Record<number, string> = {
  400: "bad request (sandbox_fail)",
  401: "unauthorized (sandbox_fail)",
  403: "forbidden (sandbox_fail)",
  404: "not found (sandbox_fail)",
  409: "conflict (sandbox_fail)",
  422: "unprocessable (sandbox_fail)",
  429: "rate limited (sandbox_fail)",
  500: "internal error (sandbox_fail)",
  503: "service unavailable (sandbox_fail)",
};

/**
 * Answers one sandbox request: an error on demand when one is asked for, else the provider's
 * simulator, else 501 (no simulator for this provider). Never throws for a simulator's own
 * exception: that becomes a 500 answer naming it.
 */
export async function answerSandboxRequest(req: SandboxRequest, config?: unknown): Promise<SandboxAnswer> {
  const entry = simulators.get(req.provider);
  const fail = requestedFailure(req, config);
  if (fail) {
    const message = reasons[fail] ?? `error ${fail} (sandbox_fail)`;
    const answer = entry?.errorAnswer ? entry.errorAnswer(fail, message, req) : genericErrorAnswer(fail, message);
    if (fail === 429) answer.headers = { "retry-after": String(SANDBOX_RETRY_AFTER_SECONDS), ...answer.headers };
    return answer;
  }
  if (!entry) {
    return genericErrorAnswer(501, `the sandbox has no simulator for ${req.provider} yet`);
  }
  try {
    return await entry.simulator(req);
  } catch (e) {
    return genericErrorAnswer(500, `the ${req.provider} simulator failed: ${(e as Error).message}`);
  }
}

/**
 * Small helper for simulators: matches `req` against `METHOD /path/:param` patterns and returns
 * the first handler's answer, or the provider's 404 via `notFound`.
 * @example
 *   matchRoute(req, { "POST /api/chat.postMessage": () => ({ status: 200, body: { ok: true } }) }, notFound)
 */
export function matchRoute(
  req: SandboxRequest,
  routes: Record<string, (params: Record<string, string>) => SandboxAnswer | Promise<SandboxAnswer>>,
  notFound: (req: SandboxRequest) => SandboxAnswer,
): SandboxAnswer | Promise<SandboxAnswer> {
  const path = req.url.pathname.replace(/\/+$/, "") || "/";
  for (const [pattern, handler] of Object.entries(routes)) {
    const [method, pat] = pattern.split(" ") as [string, string];
    if (method !== req.method.toUpperCase()) continue;
    const names: string[] = [];
    const re = new RegExp(
      `^${pat
        .replace(/\/+$/, "")
        .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
        .replace(/:([A-Za-z_]+)/g, (_m, n: string) => {
          names.push(n);
          return "([^/]+)";
        })}$`,
    );
    const m = re.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    names.forEach((n, i) => {
      params[n] = decodeURIComponent(m[i + 1] ?? "");
    });
    return handler(params);
  }
  return notFound(req);
}
