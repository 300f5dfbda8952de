/**
 * Test harness: the real app on the real test database (no mocks of our own code). `openHarness()`
 * answers the app, the app-role database handle, an owner handle for assertions that must see
 * past row-level security, the demo workspace ids, and helpers to call the API as someone.
 */
import { inject } from "vitest";
import postgres from "postgres";
import { openDatabase, type DbHandles } from "../db/client";
import { dropDatabase } from "../db/bootstrap";
import { createApp } from "../app";
import { seedDemoOnce, DEMO_PASSWORD, DEMO_STAFF_TOTP_SECRET } from "../seed/demo";
import { totpCode } from "../contexts/identity";
import { dispatchPendingEvents } from "../kernel/dispatch";
import { evaluatePendingEvents, workspacesWithPendingEvents } from "../contexts/notifications";
import "../contexts/tasks";
import { drainExecutionQueue } from "../contexts/workflows";
import { runOnce } from "graphile-worker";
import pg from "pg";
import { taskList, workerLogger } from "../jobs/runner";

export interface Harness {
  app: ReturnType<typeof createApp>;
  /** this file's own database (a copy of the seeded template): owner and app-role URLs */
  ownerUrl: string;
  appUrl: string;
  handles: DbHandles;
  owner: postgres.Sql;
  acmeId: string;
  globexId: string;
  /** calls the app like a client; `token` goes into `Authorization: Bearer` */
  call: (method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }) => Promise<Response>;
  /** signs in and answers the access token */
  signIn: (email: string, password?: string) => Promise<string>;
  /** dispatches queued domain events (and due retries) in-process, as a worker's dispatcher would */
  drainEvents: () => Promise<number>;
  /** runs every job that is due (any task), with the real task list, and evaluates pending ingested events, until neither is left */
  runJobs: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Each test file gets its own database, cloned from the seeded template the global setup built
 * (`CREATE DATABASE … TEMPLATE`): files run in parallel without sharing data or, above all, the
 * job queue — a file's `runJobs()` only ever runs that file's jobs.
 */
async function cloneTemplate(): Promise<{ ownerUrl: string; appUrl: string; drop: () => Promise<void> }> {
  const template = new URL(inject("ownerUrl")).pathname.slice(1);
  const name = `${template.replace(/_tpl$/, "")}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const withDb = (url: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  const admin = postgres(Object.assign(new URL(inject("ownerUrl")), { pathname: "/postgres" }).toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  return { ownerUrl: withDb(inject("ownerUrl")), appUrl: withDb(inject("appUrl")), drop: () => dropDatabase(inject("ownerUrl"), name) };
}

/** `sameDatabaseAs`: a second app on another harness's database (e.g. with other settings). */
export async function openHarness(opts: { sameDatabaseAs?: Harness } = {}): Promise<Harness> {
  const shared = opts.sameDatabaseAs;
  const db = shared ? { ownerUrl: shared.ownerUrl, appUrl: shared.appUrl, drop: async () => {} } : await cloneTemplate();
  const handles = openDatabase(db.appUrl, 5);
  const owner = postgres(db.ownerUrl, { max: 2, onnotice: () => {} });
  // one job-queue pool for every runJobs() of the file, ended before the database is dropped; its
  // error handler keeps a connection ended by the drop from surfacing as an uncaught exception
  const jobPool = new pg.Pool({ connectionString: db.appUrl, max: 2 });
  jobPool.on("error", () => {});
  const { acmeId, globexId } = await seedDemoOnce(handles.db);
  const app = createApp({ db: handles.db, sql: handles.sql });
  const staffSessions = new Map<string, string>();
  const call: Harness["call"] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers["content-type"] ??= "application/json";
    return app.request(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
    });
  };
  return {
    app,
    handles,
    owner,
    acmeId,
    globexId,
    call,
    ownerUrl: db.ownerUrl,
    appUrl: db.appUrl,
    signIn: async (email, password = DEMO_PASSWORD) => {
      const cached = staffSessions.get(email);
      if (cached && password === DEMO_PASSWORD) return cached;
      const res = await call("POST", "/api/v1/auth/login", { body: { email, password } });
      if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { access_token?: string; mfa_token?: string; enrolment_required?: boolean };
      if (body.access_token) return body.access_token;
      if (body.enrolment_required) {
        // staff created by a test have no factor yet: enrol an authenticator as the person would
        const begun = await call("POST", "/api/v1/auth/mfa/enrol/totp", { body: { mfa_token: body.mfa_token } });
        const e = (await begun.json()) as { factor_id: string; secret: string };
        const done = await call("POST", "/api/v1/auth/mfa/enrol/totp/confirm", {
          body: { mfa_token: body.mfa_token, factor_id: e.factor_id, code: totpCode(e.secret) },
        });
        if (done.status !== 200) throw new Error(`enrolment of ${email} failed: ${done.status} ${await done.text()}`);
        return ((await done.json()) as { access_token: string }).access_token;
      }
      // demo platform staff must use MFA (issue 18): the second step with the documented demo
      // secret's current code; a TOTP code is accepted once per 30-second step, so the session is
      // kept for the rest of the file instead of signing in again within the same step
      const verified = await call("POST", "/api/v1/auth/mfa/verify", { body: { mfa_token: body.mfa_token, code: totpCode(DEMO_STAFF_TOTP_SECRET) } });
      if (verified.status !== 200) throw new Error(`second factor of ${email} failed: ${verified.status} ${await verified.text()}`);
      const token = ((await verified.json()) as { access_token: string }).access_token;
      staffSessions.set(email, token);
      return token;
    },
    drainEvents: async () => {
      let n = 0;
      for (;;) {
        const taken = await dispatchPendingEvents(handles.db, { retries: true });
        if (!taken) return n;
        n += taken;
      }
    },
    runJobs: async () => {
      // jobs, queued domain events and the ingested events a worker's evaluator would pick up
      // (their NOTIFY wake-ups have no listener here), until none leaves work for the others
      for (;;) {
        await runOnce({ pgPool: jobPool, taskList: taskList(handles.db), logger: workerLogger });
        // executions run from their own queue (workflows' engine/queue.ts); the jobs they add run now too
        if (await drainExecutionQueue(handles.db)) await runOnce({ pgPool: jobPool, taskList: taskList(handles.db), logger: workerLogger });
        let dispatched = 0;
        for (;;) {
          const taken = await dispatchPendingEvents(handles.db, { retries: true });
          if (!taken) break;
          dispatched += taken;
        }
        let evaluated = 0;
        for (const ws of await workspacesWithPendingEvents(handles.db)) evaluated += await evaluatePendingEvents(handles.db, ws);
        if (!evaluated && !dispatched) return;
      }
    },
    close: async () => {
      await jobPool.end();
      await handles.close();
      await owner.end();
      await db.drop();
    },
  };
}
