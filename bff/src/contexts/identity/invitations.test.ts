/**
 * Invitations (issue 16 part 1, decision 031): an owner with a verified e-mail invites by e-mail
 * (a local SMTP server catches the link); the link works once, expires, stops working when
 * revoked; accepting creates the account and membership and the person signs in. Another
 * workspace cannot list, revoke or accept the first one's invitations through its own routes,
 * and an unverified owner cannot invite.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { catchMailInThisFile } from "../../testing/smtp";
import { FRESH_PASSWORD, expectProblem, pointers, uniqueEmail } from "../../testing/fixtures";

let h: Harness;
const mails = catchMailInThisFile();
let acmeOwner: string;
beforeAll(async () => {
  h = await openHarness();
  acmeOwner = await h.signIn("owner@acme.test");
});
afterAll(async () => {
  await h.close();
});

const linkIn = (body: string): string => {
  const text = body.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const m = text.match(/https?:\/\/[^\s"<>]*\/invitations\/accept\?token=[A-Za-z0-9_-]+/);
  if (!m) throw new Error(`no invitation link in ${text.slice(0, 400)}`);
  return m[0];
};
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;
const path = (ws: string) => `/api/v1/workspaces/${ws}/invitations`;

async function invite(email: string, role = "developer"): Promise<{ id: string; token: string }> {
  const res = await h.call("POST", path(h.acmeId), { token: acmeOwner, body: { email, role } });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { id: string; status: string; email_sent: boolean };
  expect(body).toMatchObject({ status: "pending", email_sent: true });
  const mail = [...mails].reverse().find((m) => m.to.includes(email));
  return { id: body.id, token: tokenOf(linkIn(mail!.body)) };
}
const accept = (token: string, password = FRESH_PASSWORD, name = "Sam Teammate") =>
  h.call("POST", "/api/v1/invitations/accept", { body: { token, password, name } });

describe("invitations", () => {
  it("e-mails a link; accepting it once creates the account and membership, and the person signs in", async () => {
    const email = uniqueEmail("invitee");
    const { id, token } = await invite(email, "developer");
    const preview = await h.call("POST", "/api/v1/invitations/preview", { body: { token } });
    expect(await preview.json()).toMatchObject({ workspace_name: "Acme", email, role: "developer", account_exists: false });

    const ok = await accept(token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ email, workspace_id: h.acmeId });
    const session = await h.signIn(email, FRESH_PASSWORD);
    const me = (await (await h.call("GET", "/api/v1/me", { token: session })).json()) as {
      workspace: { id: string; role: string };
      user: { email_verified: boolean; name: string };
    };
    expect(me.workspace).toMatchObject({ id: h.acmeId, role: "developer" });
    expect(me.user).toMatchObject({ email_verified: true, name: "Sam Teammate" });

    // single use
    await expectProblem(await accept(token), 410);
    const list = (await (await h.call("GET", path(h.acmeId), { token: acmeOwner })).json()) as { items: { id: string; status: string }[] };
    expect(list.items.find((i) => i.id === id)?.status).toBe("accepted");
  });

  it("refuses an expired link with 410 and adds no one", async () => {
    const email = uniqueEmail("late");
    const { id, token } = await invite(email);
    await h.owner`update invitations set expires_at = now() - interval '1 second' where id = ${id}`;
    await expectProblem(await accept(token), 410);
    const [n] = await h.owner<{ n: number }[]>`select count(*)::int as n from users where email = ${email}`;
    expect(n!.n).toBe(0);
    const list = (await (await h.call("GET", path(h.acmeId), { token: acmeOwner })).json()) as { items: { id: string; status: string }[] };
    expect(list.items.find((i) => i.id === id)?.status).toBe("expired");
  });

  it("stops a revoked link at once; a re-invite revokes the earlier link", async () => {
    const email = uniqueEmail("revoked");
    const first = await invite(email);
    const second = await invite(email);
    await expectProblem(await accept(first.token), 410);
    const revoked = await h.call("DELETE", `${path(h.acmeId)}/${second.id}`, { token: acmeOwner });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { status: string }).status).toBe("revoked");
    await expectProblem(await accept(second.token), 410);
    await expectProblem(await h.call("DELETE", `${path(h.acmeId)}/${second.id}`, { token: acmeOwner }), 409);
  });

  it("answers an unknown token with 404 and a short one with 400 on #/token", async () => {
    await expectProblem(await accept("x".repeat(43)), 404);
    expect(pointers(await expectProblem(await accept("short"), 400))).toContain("#/token");
  });

  it("is refused to an owner whose e-mail is not verified (403 email-unverified)", async () => {
    const email = uniqueEmail("unverified-owner");
    const { workspace_id } = (await (await h.call("POST", "/api/v1/workspaces", { body: { name: "New Co", email, password: FRESH_PASSWORD } })).json()) as {
      workspace_id: string;
    };
    const token = await h.signIn(email, FRESH_PASSWORD);
    const p = await expectProblem(await h.call("POST", path(workspace_id), { token, body: { email: uniqueEmail("x"), role: "developer" } }), 403);
    expect(p.type).toContain("email-unverified");
  });

  it("refuses to invite a member again (409 on #/email)", async () => {
    expect(
      pointers(await expectProblem(await h.call("POST", path(h.acmeId), { token: acmeOwner, body: { email: "dev@acme.test", role: "admin" } }), 409)),
    ).toEqual(["#/email"]);
  });
});

describe("invitations across workspaces", () => {
  it("Globex cannot list, revoke or accept-into-Globex Acme's invitations", async () => {
    const email = uniqueEmail("cross");
    const { id, token } = await invite(email);
    const globex = await h.signIn("owner@globex.test");
    // Acme's list through Acme's path: 404 for Globex
    expect((await h.call("GET", path(h.acmeId), { token: globex })).status).toBe(404);
    // Globex's own list does not show it
    const own = (await (await h.call("GET", path(h.globexId), { token: globex })).json()) as { items: { id: string }[] };
    expect(own.items.map((i) => i.id)).not.toContain(id);
    // revoking Acme's invitation through Globex's path: 404, and it stays pending
    expect((await h.call("DELETE", `${path(h.globexId)}/${id}`, { token: globex })).status).toBe(404);
    expect((await h.call("DELETE", `${path(h.acmeId)}/${id}`, { token: globex })).status).toBe(404);
    const [row] = await h.owner<{ revoked_at: Date | null }[]>`select revoked_at from invitations where id = ${id}`;
    expect(row!.revoked_at).toBeNull();
    // accepting it joins Acme (the invitation's workspace), never Globex
    const ok = await accept(token);
    expect(((await ok.json()) as { workspace_id: string }).workspace_id).toBe(h.acmeId);
    const [m] = await h.owner<{ n: number }[]>`
      select count(*)::int as n from memberships m join users u on u.id = m.user_id where lower(u.email) = ${email} and m.workspace_id = ${h.globexId}`;
    expect(m!.n).toBe(0);
  });
});
