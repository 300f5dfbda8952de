/**
 * Small helpers shared by the API tests: fresh workspaces (so tests that mutate never touch the
 * demo data other files rely on), problem+json and cookie parsing, and waiting for audit rows
 * (several test files drain the one job queue at once, so an event may be dispatched by another
 * file's drain; we poll until the read model shows it).
 */
import { expect } from "vitest";
import type { Harness } from "./harness";

export const FRESH_PASSWORD = "fresh-password-123";

let counter = 0;
/** An email no other test (or run) uses. */
export function uniqueEmail(tag: string): string {
  counter += 1;
  return `${tag}-${process.pid}-${Date.now().toString(36)}-${counter}@fresh.test`;
}

export interface FreshWorkspace {
  workspaceId: string;
  apiKey: string;
  webhookSecret: string;
  email: string;
  password: string;
}

/** Signs up a new workspace through the API; its owner has `email` / FRESH_PASSWORD. */
export async function signUpWorkspace(h: Harness, name = "Fresh Co", tag = "owner"): Promise<FreshWorkspace> {
  const email = uniqueEmail(tag);
  const res = await h.call("POST", "/api/v1/workspaces", { body: { name, email, password: FRESH_PASSWORD } });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { workspace_id: string; api_key: string; webhook_secret: string };
  return { workspaceId: body.workspace_id, apiKey: body.api_key, webhookSecret: body.webhook_secret, email, password: FRESH_PASSWORD };
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  request_id?: string;
  errors?: { pointer: string; detail: string }[];
}

/** Asserts an RFC 9457 answer with `status` and answers its body. */
export async function expectProblem(res: Response, status: number): Promise<ProblemBody> {
  const text = await res.text();
  expect({ status: res.status, body: text }).toMatchObject({ status });
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as ProblemBody;
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe("string");
  return body;
}

/** The pointers named by a problem's `errors`. */
export const pointers = (p: ProblemBody): string[] => (p.errors ?? []).map((e) => e.pointer);

export interface SetCookie {
  value: string;
  /** attribute names (lower case) to their values ("" for flags) */
  attrs: Record<string, string>;
}

/** The `Set-Cookie` headers of `res` by cookie name. */
export function setCookies(res: Response): Record<string, SetCookie> {
  const out: Record<string, SetCookie> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...rest] = line.split(";").map((s) => s.trim());
    const eq = pair!.indexOf("=");
    const attrs: Record<string, string> = {};
    for (const a of rest) {
      const i = a.indexOf("=");
      attrs[(i < 0 ? a : a.slice(0, i)).toLowerCase()] = i < 0 ? "" : a.slice(i + 1);
    }
    out[pair!.slice(0, eq)] = { value: decodeURIComponent(pair!.slice(eq + 1)), attrs };
  }
  return out;
}

/** A `Cookie` request header from name/value pairs. */
export const cookieHeader = (cookies: Record<string, string>): string =>
  Object.entries(cookies)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("; ");

export interface AuditRow {
  event_id: string;
  workspace_id: string | null;
  action: string;
  actor_kind: string;
  actor_id: string | null;
  subject_id: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
  user_agent: string | null;
}

/**
 * Drains the event queue until `audit_log` has at least `min` rows with `action` (and
 * `subject_id` when given), then answers them. Fails after ~5 s.
 */
export async function waitForAudit(h: Harness, action: string, subjectId?: string, min = 1): Promise<AuditRow[]> {
  for (let i = 0; i < 50; i++) {
    await h.drainEvents();
    const rows =
      subjectId === undefined
        ? await h.owner<AuditRow[]>`select * from audit_log where action = ${action}`
        : await h.owner<AuditRow[]>`select * from audit_log where action = ${action} and subject_id = ${subjectId}`;
    if (rows.length >= min) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no audit row ${action} for ${subjectId ?? "anyone"}`);
}

/** The user id of `email` (read as the owner, past row-level security). */
export async function userIdOf(h: Harness, email: string): Promise<string> {
  const [row] = await h.owner<{ id: string }[]>`select id from users where lower(email) = lower(${email})`;
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}
