/**
 * Login throttling per client address, on a real database: password spraying (one wrong
 * password on each of many accounts, so no account reaches its lockout) from one address is
 * refused with 429 problem+json and audited once the address's failures are used up, even with
 * a right password; another address is unaffected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { expectProblem } from "../../testing/fixtures";

let h: Harness;
beforeAll(async () => {
  process.env.TRUST_PROXY = "1"; // the client address comes from X-Forwarded-For
  process.env.NH_SIGN_IN_FAILURES_PER_IP = "5";
  h = await openHarness();
});
afterAll(async () => {
  delete process.env.TRUST_PROXY;
  delete process.env.NH_SIGN_IN_FAILURES_PER_IP;
  await h.close();
});

const login = (ip: string, email: string, password: string) =>
  h.call("POST", "/api/v1/auth/login", { body: { email, password }, headers: { "x-forwarded-for": ip } });

describe("sign-in throttling per address", () => {
  it("refuses an address that sprays passwords across accounts, and audits it", async () => {
    const accounts = ["owner@acme.test", "dev@acme.test", "manager@acme.test", "rep1@acme.test", "rep2@acme.test"];
    for (const email of accounts) expect((await login("203.0.113.7", email, "Summer2026!")).status).toBe(401);
    const refused = await login("203.0.113.7", "owner@globex.test", "demo-password-1");
    await expectProblem(refused, 429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // no account was locked by this: the same right password from elsewhere works
    expect((await login("198.51.100.20", "owner@globex.test", "demo-password-1")).status).toBe(200);
    await h.drainEvents();
    const audited = await h.owner<{ ip: string }[]>`select ip from audit_log where action = 'auth.sign_in_throttled'`;
    expect(audited.map((a) => a.ip)).toEqual(["203.0.113.7"]);
  });

  it("does not count successful sign-ins", async () => {
    for (let i = 0; i < 8; i++) expect((await login("192.0.2.44", "owner@acme.test", "demo-password-1")).status).toBe(200);
  });
});
