/**
 * The shared shape of most provider actions: resolve the end user's credentials, authorise the
 * request (Bearer token by default; API-key/basic providers pass `authorize`), send JSON (or a
 * form) to the provider's base URL, map the answer:
 * 2xx → `{output: body}`; 429, 5xx and network errors → retryable ActionFailed; other 4xx →
 * ActionFailed that is not retried. The idempotency key goes in the header the provider reads.
 */
import type { z } from "zod";
import { ActionFailed, connectionOwnerOf, registerAction, type ActionContext } from "../actions";
import { findProvider, providerBaseUrl, type ProviderDefinition } from "../catalogue";
import { credentialsFor, type Credentials } from "../connections";
import { appDatabase } from "../../../kernel/app-database";
import { assertPublicUrl } from "../ssrf";
import { exchangeWithSandbox, sandboxBaseUrl, sandboxCredentials } from "../sandbox/calls";
import type { SandboxRequest } from "../sandbox/registry";

export interface ProviderRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** path under the base URL, or an absolute URL */
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  /** raw body with its own content type (e.g. multipart or RFC 822) */
  raw?: { body: string; contentType: string };
  headers?: Record<string, string>;
}

/**
 * Authorises a request; default: `Authorization: Bearer <access token>`. An `authorize` that needs
 * a request of its own first (a client-credentials token, a sign-in) sends it with `req.fetch`:
 * the network in a live execution (with the step's abort signal), the provider's simulator in a
 * test execution (recorded like the main call), so a test execution never leaves the process.
 */
export type Authorize = (
  creds: Credentials,
  req: { url: URL; headers: Headers; body?: string; method: string; fetch: (url: string, init: RequestInit) => Promise<Response> },
) => void | Promise<void>;
export const bearer: Authorize = (c, r) => r.headers.set("authorization", `Bearer ${c.secret}`);
/** API-key/basic credentials are stored as a JSON object of the provider's `fields`. */
export const fields = (c: Credentials): Record<string, string> => JSON.parse(c.secret) as Record<string, string>;
export const basicAuth = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;

/**
 * Makes one authorised request to `provider` with the connection the engine chose (`ctx.connection`:
 * the workspace's or an end user's; by default the run's end user, else the workspace's); answers
 * the parsed body. A test execution's call (`ctx.test`), and any call over a sandbox connection,
 * goes to the provider's simulator in-process and is recorded (sandbox/calls.ts); a live
 * execution never sends a sandbox connection's call anywhere else.
 */
export async function callProvider(
  provider: string,
  ctx: ActionContext,
  req: ProviderRequest,
  opts: {
    authorize?: Authorize;
    idempotencyHeader?: string;
    baseUrl?: (c: Credentials, def: ProviderDefinition) => string;
    action?: string;
    failure?: AnswerFailure;
  } = {},
): Promise<unknown> {
  const def = findProvider(provider);
  if (!def) throw new ActionFailed(`unknown provider ${provider}`, false);
  const owner = connectionOwnerOf(ctx);
  const who = owner.owner === "workspace" ? null : owner.endUserId;
  const creds = ctx.test ? sandboxCredentials(def, null) : await credentialsFor(appDatabase(), ctx.workspaceId, who, provider);
  if (creds.sandbox && !ctx.test) {
    throw new ActionFailed(
      `sandbox_connection: the ${who === null ? "workspace's" : "end user's"} ${provider} connection is a sandbox connection, which only test executions use; connect ${provider} for real to run live.`,
      false,
    );
  }
  let base: string;
  try {
    base = creds.sandbox ? sandboxBaseUrl(def, creds.config) : opts.baseUrl ? opts.baseUrl(creds, def) : providerBaseUrl(def, creds.config);
  } catch (e) {
    throw new ActionFailed(`${provider}: ${(e as Error).message}`, false);
  }
  const url = new URL(/^https?:\/\//.test(req.path) ? req.path : `${base}${req.path}`);
  // self-hosted providers: the end user chose the server, so it must be a public address
  if (def.configFields?.includes("server_url") && !creds.sandbox)
    await assertPublicUrl(url.toString()).catch((e: Error) => {
      throw new ActionFailed(e.message, false);
    });
  for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers({ accept: "application/json", ...req.headers });
  let body: string | undefined;
  if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    headers.set("content-type", "application/json");
  }
  if (req.form) {
    body = new URLSearchParams(req.form).toString();
    headers.set("content-type", "application/x-www-form-urlencoded");
  }
  if (req.raw) {
    body = req.raw.body;
    headers.set("content-type", req.raw.contentType);
  }
  if (opts.idempotencyHeader) headers.set(opts.idempotencyHeader, ctx.idempotencyKey);
  const exchange = (request: Omit<SandboxRequest, "provider" | "action">) =>
    exchangeWithSandbox(appDatabase(), {
      workspaceId: ctx.workspaceId,
      executionId: ctx.executionId,
      stepId: ctx.stepId,
      config: creds.config,
      connection: who === null ? "workspace" : `end_user:${who}`,
      request: { provider, action: opts.action ?? ctx.stepId ?? "", ...request },
    });
  const sideFetch = creds.sandbox
    ? async (to: string, init: RequestInit): Promise<Response> => {
        const h = new Headers(init.headers);
        const answer = await exchange({ method: init.method ?? "GET", url: new URL(to), headers: h, body: sandboxBodyOf(init.body, h) });
        return new Response(answer.text, { status: answer.status, headers: answer.headers });
      }
    : (to: string, init: RequestInit) => fetch(to, { ...init, signal: ctx.signal });
  await (opts.authorize ?? bearer)(creds, { url, headers, body, method: req.method, fetch: sideFetch });
  let res: { ok: boolean; status: number; text: string };
  if (creds.sandbox) {
    if (ctx.sandboxFail) headers.set("x-sandbox-fail", String(ctx.sandboxFail));
    const sandboxBody = req.json !== undefined ? req.json : (req.form ?? body ?? null);
    const answer = await exchange({ method: req.method, url, headers, body: sandboxBody });
    res = { ok: answer.status >= 200 && answer.status < 300, status: answer.status, text: answer.text };
  } else {
    try {
      const r = await fetch(url, { method: req.method, headers, body, signal: ctx.signal });
      res = { ok: r.ok, status: r.status, text: await r.text() };
    } catch (e) {
      if (ctx.signal.aborted) throw new ActionFailed(`${provider}: the request was cancelled`, false);
      throw new ActionFailed(`${provider}: network error: ${(e as Error).message}`, true);
    }
  }
  const text = res.text;
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* keep text */
  }
  const detail = typeof parsed === "string" ? parsed.slice(0, 300) : JSON.stringify(parsed).slice(0, 300);
  const own = opts.failure?.(res.status, parsed);
  if (own) throw new ActionFailed(`${provider} answered ${res.status}: ${detail}`, own.retryable, res.status);
  // Slack answers 200 with {ok:false, error} for failures
  if (res.ok && !(parsed && typeof parsed === "object" && (parsed as { ok?: unknown }).ok === false)) return parsed;
  throw new ActionFailed(`${provider} answered ${res.status}: ${detail}`, res.status === 429 || res.status >= 500, res.status);
}

/**
 * A provider's own reading of an answer (status, parsed body): `{retryable}` when it is a failure
 * that the status alone does not show (or shows wrongly), undefined to keep the default mapping.
 */
export type AnswerFailure = (status: number, body: unknown) => { retryable: boolean } | undefined;

/** GraphQL error codes that mean "rate limited, try later" (Linear `RATELIMITED`; monday.com `RATE_LIMIT_EXCEEDED`, `ComplexityException`). */
const GRAPHQL_RATE_LIMIT_CODES = new Set(["RATELIMITED", "RATE_LIMIT_EXCEEDED", "ComplexityException", "COMPLEXITY_BUDGET_EXHAUSTED"]);

/**
 * GraphQL APIs report failures in the body's `errors` array (https://spec.graphql.org/October2021/#sec-Errors),
 * with HTTP 200 (monday.com, API 2024-10) or 400 (Linear). Any error is a failure; it is retried when
 * its code (`extensions.code`, or monday's `error_code`) is a rate limit, or the status is 429/5xx.
 */
export const graphqlFailure: AnswerFailure = (status, body) => {
  const b = body && typeof body === "object" ? (body as { errors?: unknown; error_code?: unknown }) : undefined;
  const errors = Array.isArray(b?.errors) ? (b.errors as { extensions?: { code?: unknown } }[]) : [];
  if (!errors.length && typeof b?.error_code !== "string") return undefined;
  const codes = [b?.error_code, ...errors.map((e) => e?.extensions?.code)].filter((c): c is string => typeof c === "string");
  return { retryable: status === 429 || status >= 500 || codes.some((c) => GRAPHQL_RATE_LIMIT_CODES.has(c)) };
};

/** A side request's body as a simulator sees it: parsed JSON, a form object, or the raw string. */
function sandboxBodyOf(raw: RequestInit["body"], headers: Headers): unknown {
  if (typeof raw !== "string") return raw == null ? null : String(raw);
  const type = headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  if (type.includes("json")) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}

/** Registers an action whose request is built from its validated input. */
export function defineAction<I extends z.ZodType>(def: {
  provider: string;
  action: string;
  title: string;
  input: I;
  /** a minimal valid input (ActionDefinition.example) */
  example?: z.input<I>;
  request: (input: z.infer<I>, creds?: never) => ProviderRequest;
  authorize?: Authorize;
  idempotencyHeader?: string;
  baseUrl?: (c: Credentials, def: ProviderDefinition) => string;
  output?: (body: unknown) => unknown;
  /** reads failures the status does not show (GraphQL: `graphqlFailure`) */
  failure?: AnswerFailure;
}): void {
  registerAction({
    provider: def.provider,
    action: def.action,
    title: def.title,
    input: def.input,
    example: def.example,
    run: async (input, ctx) => {
      const body = await callProvider(def.provider, ctx, def.request(input as z.infer<I>), { ...def, action: def.action });
      return { output: def.output ? def.output(body) : body };
    },
  });
}
