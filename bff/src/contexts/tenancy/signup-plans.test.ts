/**
 * Sign-up honours `plan` (issue 16 part 1, decision 031): a free plan applies at once, a paid
 * plan starts a trial that ends on the free plan, an unknown plan is a 400 naming `#/plan`; the
 * owner gets a verification link over SMTP (a local SMTP server) that works once, and the setup
 * wizard's progress is kept per workspace (another workspace can neither read nor change it).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { catchMailInThisFile } from "../../testing/smtp";
import { FRESH_PASSWORD, expectProblem, pointers, uniqueEmail } from "../../testing/fixtures";
import { endTrialIfDue } from "./trial-end";

let h: Harness;
const mails = catchMailInThisFile();
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

/** The first link to `path` in a caught message (quoted-printable soft breaks and `=3D` undone). */
export function linkIn(body: string, path: string): string {
  const text = body.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const m = text.match(new RegExp(`https?://[^\\s"<>]*${path.replace("/", "\\/")}\\?token=[A-Za-z0-9_-]+`));
  if (!m) throw new Error(`no ${path} link in ${text.slice(0, 400)}`);
  return m[0];
}
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

const signUp = (body: Record<string, unknown>) => h.call("POST", "/api/v1/workspaces", { body: { name: "Plan Co", password: FRESH_PASSWORD, ...body } });

describe("sign-up with a plan", () => {
  it("lists the plans anonymously with the trial a paid plan gets", async () => {
    const res = await h.call("GET", "/api/v1/plans");
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { id: string; price_cents: number | null; trial_days: number }[] };
    expect(items.map((p) => p.id)).toEqual(["free", "starter", "professional", "enterprise"]);
    expect(items.find((p) => p.id === "free")!.trial_days).toBe(0);
    expect(items.find((p) => p.id === "professional")!.trial_days).toBe(14);
  });

  it("puts a free sign-up on the free plan at once, with no trial", async () => {
    const res = await signUp({ email: uniqueEmail("free"), plan: "free" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { workspace_id: string; plan: string; subscription_status: string; trial_ends_at: string | null };
    expect(body).toMatchObject({ plan: "free", subscription_status: "active", trial_ends_at: null });
    const [ws] = await h.owner<{ plan: string; trial_ends_at: Date | null }[]>`select plan, trial_ends_at from workspaces where id = ${body.workspace_id}`;
    expect(ws).toEqual({ plan: "free", trial_ends_at: null });
  });

  it("starts a 14-day trial on a paid plan, recorded on the workspace, with its end as a job; the end moves it to free", async () => {
    const before = Date.now();
    const res = await signUp({ email: uniqueEmail("paid"), plan: "professional" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { workspace_id: string; plan: string; subscription_status: string; trial_ends_at: string };
    expect(body).toMatchObject({ plan: "professional", subscription_status: "trialing" });
    const ends = Date.parse(body.trial_ends_at);
    expect(ends - before).toBeGreaterThanOrEqual(14 * 86_400_000 - 1000);
    expect(ends - before).toBeLessThan(14 * 86_400_000 + 60_000);
    const [job] = await h.owner<{ n: number }[]>`select count(*)::int as n from graphile_worker.jobs where key = ${`trial:${body.workspace_id}`}`;
    expect(job!.n).toBe(1);
    // not yet due: nothing moves
    expect(await endTrialIfDue(h.handles.db, body.workspace_id, new Date(ends - 1000))).toBe(false);
    expect(await endTrialIfDue(h.handles.db, body.workspace_id, new Date(ends + 1000))).toBe(true);
    const [ws] = await h.owner<{ plan: string; trial_ends_at: Date | null }[]>`select plan, trial_ends_at from workspaces where id = ${body.workspace_id}`;
    expect(ws).toEqual({ plan: "free", trial_ends_at: null });
    const [ev] = await h.owner<{ payload: { reason: string } }[]>`
      select payload from domain_events where workspace_id = ${body.workspace_id} and type = 'workspace.plan_changed'`;
    expect(ev!.payload.reason).toBe("trial_ended");
    // a second run is a no-op
    expect(await endTrialIfDue(h.handles.db, body.workspace_id, new Date(ends + 2000))).toBe(false);
  });

  it("refuses an unknown plan with a 400 naming #/plan and creates nothing", async () => {
    const email = uniqueEmail("unknown-plan");
    const p = await expectProblem(await signUp({ email, plan: "platinum" }), 400);
    expect(pointers(p)).toEqual(["#/plan"]);
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from users where email = ${email}`;
    expect(n!.n).toBe(0);
  });
});

describe("e-mail verification", () => {
  it("e-mails a link that verifies once; the owner signs in before and /me says unverified until then", async () => {
    const email = uniqueEmail("verify");
    const res = await signUp({ email, plan: "free", owner_name: "Vera Owner" });
    expect(((await res.json()) as { verification_sent: boolean }).verification_sent).toBe(true);
    const mail = mails.find((m) => m.to.includes(email));
    expect(mail).toBeDefined();
    const link = linkIn(mail!.body, "/verify-email");
    const token = await h.signIn(email, FRESH_PASSWORD);
    const me = async () => ((await (await h.call("GET", "/api/v1/me", { token })).json()) as { user: { email_verified: boolean; name: string } }).user;
    expect(await me()).toMatchObject({ email_verified: false, name: "Vera Owner" });

    const ok = await h.call("POST", "/api/v1/auth/verify-email", { body: { token: tokenOf(link) } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ email, verified: true });
    expect((await me()).email_verified).toBe(true);
    // single use
    expect(pointers(await expectProblem(await h.call("POST", "/api/v1/auth/verify-email", { body: { token: tokenOf(link) } }), 400))).toEqual(["#/token"]);
  });

  it("refuses an expired link", async () => {
    const email = uniqueEmail("expired-verify");
    await signUp({ email, plan: "free" });
    const link = linkIn(mails.find((m) => m.to.includes(email))!.body, "/verify-email");
    await h.owner`update email_verifications set expires_at = now() - interval '1 second' where email = ${email}`;
    expect(pointers(await expectProblem(await h.call("POST", "/api/v1/auth/verify-email", { body: { token: tokenOf(link) } }), 400))).toEqual(["#/token"]);
    const [u] = await h.owner<{ v: Date | null }[]>`select email_verified_at as v from users where email = ${email}`;
    expect(u!.v).toBeNull();
  });
});

describe("setup wizard progress", () => {
  it("is kept per workspace, resumes at the next step, and another workspace cannot read or change it", async () => {
    const email = uniqueEmail("wizard");
    const { workspace_id } = (await (await signUp({ email, plan: "free" })).json()) as { workspace_id: string };
    const token = await h.signIn(email, FRESH_PASSWORD);
    const path = `/api/v1/workspaces/${workspace_id}/setup`;
    expect(await (await h.call("GET", path, { token })).json()).toEqual({
      steps: { api_key: "pending", workflow: "pending", invite: "pending", provider: "pending" },
      next_step: "api_key",
      dismissed: false,
    });
    await h.call("PUT", path, { token, body: { step: "api_key", state: "done" } });
    const after = (await (await h.call("PUT", path, { token, body: { step: "workflow", state: "skipped" } })).json()) as { next_step: string };
    expect(after.next_step).toBe("invite");
    // skipping a step already done keeps it done
    const again = (await (await h.call("PUT", path, { token, body: { step: "api_key", state: "skipped" } })).json()) as { steps: Record<string, string> };
    expect(again.steps.api_key).toBe("done");

    const globex = await h.signIn("owner@globex.test");
    expect((await h.call("GET", path, { token: globex })).status).toBe(404);
    expect((await h.call("PUT", path, { token: globex, body: { dismissed: true } })).status).toBe(404);
    expect(((await (await h.call("GET", path, { token })).json()) as { dismissed: boolean }).dismissed).toBe(false);
  });
});
