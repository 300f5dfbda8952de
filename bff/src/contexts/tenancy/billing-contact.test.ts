/**
 * The billing contact (seed 003 §9.2): who quota warnings are e-mailed to. Members read it,
 * owners and admins set it, another workspace can do neither, and a quota warning reaches the
 * billing e-mail (a local SMTP server) instead of the owners once it is set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { catchMailInThisFile } from "../../testing/smtp";
import { expectProblem, pointers, uniqueEmail } from "../../testing/fixtures";
import { settle, workspaceOnPlan } from "../../testing/notifications";

let h: Harness;
const mails = catchMailInThisFile();

beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

const path = (ws: string) => `/api/v1/workspaces/${ws}/billing-contact`;

describe("billing contact", () => {
  it("defaults to the owners; owners set and clear it; bad addresses are refused naming the field", async () => {
    const owner = await h.signIn("owner@acme.test");
    const before = await h.call("GET", path(h.acmeId), { token: owner });
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({ billing_email: null, recipients: ["owner@acme.test"] });

    const bad = await expectProblem(await h.call("PUT", path(h.acmeId), { token: owner, body: { billing_email: "not-an-address" } }), 400);
    expect(pointers(bad)).toEqual(["#/billing_email"]);

    const set = await h.call("PUT", path(h.acmeId), { token: owner, body: { billing_email: "Billing@Acme.Test" } });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ billing_email: "billing@acme.test", recipients: ["billing@acme.test"] });
    const [audit] = await h.owner<
      { n: number }[]
    >`select count(*)::int as n from domain_events where workspace_id = ${h.acmeId} and type = 'workspace.billing_contact_changed'`;
    expect(audit!.n).toBe(1);

    const cleared = await h.call("PUT", path(h.acmeId), { token: owner, body: { billing_email: null } });
    expect(await cleared.json()).toEqual({ billing_email: null, recipients: ["owner@acme.test"] });
  });

  it("a developer reads it but cannot change it", async () => {
    const dev = await h.signIn("dev@acme.test");
    expect((await h.call("GET", path(h.acmeId), { token: dev })).status).toBe(200);
    await expectProblem(await h.call("PUT", path(h.acmeId), { token: dev, body: { billing_email: "x@acme.test" } }), 403);
  });

  it("another workspace neither reads nor changes it", async () => {
    const globex = await h.signIn("owner@globex.test");
    await expectProblem(await h.call("GET", path(h.acmeId), { token: globex }), 404);
    await expectProblem(await h.call("PUT", path(h.acmeId), { token: globex, body: { billing_email: "thief@globex.test" } }), 404);
    const [row] = await h.owner<{ billing_email: string | null }[]>`select billing_email from workspaces where id = ${h.acmeId}`;
    expect(row!.billing_email).not.toBe("thief@globex.test");
  });

  it("a quota warning is e-mailed to the billing contact instead of the owners", async () => {
    await h.owner`insert into plans (id, name, events_per_month, notifications_per_month, users, rules, sounds, requests_per_hour, webhooks)
      values ('test_billing', 'Billing', 5, 100, 10, 5, 3, 1000, true) on conflict (id) do nothing`;
    const ws = await workspaceOnPlan(h, "test_billing");
    const billing = uniqueEmail("billing");
    expect((await h.call("PUT", path(ws.workspaceId), { token: ws.token, body: { billing_email: billing } })).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await h.call("POST", "/api/v1/events", { token: ws.apiKey, body: { type: "t" } })).status).toBe(202); // 80 %
    await settle(h, async () => mails.some((m) => m.to.includes(billing)));
    const mail = mails.find((m) => m.to.includes(billing))!;
    expect(mail.body).toContain("80% of your events quota");
    // the owner gets the sign-up's verification e-mail, but no quota warning
    expect(mails.some((m) => m.to.includes(ws.email) && m.body.includes("quota"))).toBe(false);
  });
});
