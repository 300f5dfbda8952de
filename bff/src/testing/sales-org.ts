/**
 * Test helpers for the CRM: a fresh workspace with a sales hierarchy
 * (owner → vp (manager) → manager → rep; plus other-manager → other-rep), a CRM client and a
 * lead-source key. Every step goes through the real API.
 */
import { expect } from "vitest";
import type { Harness } from "./harness";
import { FRESH_PASSWORD, signUpWorkspace, uniqueEmail, type FreshWorkspace } from "./fixtures";

export interface SalesOrg {
  ws: FreshWorkspace;
  owner: string;
  /** access tokens and membership ids by person */
  people: Record<"vp" | "manager" | "rep" | "otherManager" | "otherRep", { token: string; membershipId: string }>;
  clientId: string;
  sourceKey: string;
  sourceId: string;
}

export async function salesOrg(h: Harness, tag: string, origins: string[] = ["https://shop.example.com"]): Promise<SalesOrg> {
  const ws = await signUpWorkspace(h, `Sales ${tag}`, tag);
  const owner = await h.signIn(ws.email, ws.password);
  const base = `/api/v1/workspaces/${ws.workspaceId}`;
  const add = async (role: string, reportsTo: string | null) => {
    const email = uniqueEmail(tag);
    const res = await h.call("POST", `${base}/members`, {
      token: owner,
      body: { email, name: `${role} ${email.slice(0, 12)}`, password: FRESH_PASSWORD, role, reports_to: reportsTo },
    });
    expect(res.status).toBe(201);
    const { membership_id } = (await res.json()) as { membership_id: string };
    return { token: await h.signIn(email, FRESH_PASSWORD), membershipId: membership_id };
  };
  const vp = await add("sales_manager", null);
  const manager = await add("sales_manager", vp.membershipId);
  const rep = await add("sales_rep", manager.membershipId);
  const otherManager = await add("sales_manager", null);
  const otherRep = await add("sales_rep", otherManager.membershipId);
  const clientId = `client-${tag}`;
  expect(
    (await h.call("POST", `${base}/crm-clients`, { token: owner, body: { client_id: clientId, name: `Client ${tag}`, website_origins: origins } })).status,
  ).toBe(201);
  const src = await h.call("POST", `${base}/lead-sources`, { token: owner, body: { client_id: clientId, name: "Website form" } });
  expect(src.status).toBe(201);
  const { key, id } = (await src.json()) as { key: string; id: string };
  return { ws, owner, people: { vp, manager, rep, otherManager, otherRep }, clientId, sourceKey: key, sourceId: id };
}

/** Posts a lead with the source key as JSON; answers the response. */
export function ingest(h: Harness, key: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return h.call("POST", "/api/v1/leads/ingest", { body, headers: { "x-api-key": key, ...headers } });
}
