/**
 * Tenant isolation over every route (OWASP API1:2023, ASVS 5.0 8.2.2): every operation of the
 * generated OpenAPI document that takes an id is called with Globex's session, Globex's API key
 * and a Globex end user against Acme's real ids. Expected: 0 successes. The figures are printed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApi } from "../lib/openapi";
import { openHarness, type Harness } from "../testing/harness";

let h: Harness;
let credentials: Record<string, string>;

beforeAll(async () => {
  h = await openHarness();
  const globexOwner = await h.signIn("owner@globex.test");
  const key = (await (await h.call("POST", `/api/v1/workspaces/${h.globexId}/api-keys`, { token: globexOwner, body: { name: "isolation" } })).json()) as {
    key: string;
  };
  const cs = (await (await h.call("POST", "/api/v1/connect/sessions", { token: key.key, body: { end_user_id: "globex-isolation" } })).json()) as {
    token: string;
  };
  const endUser = ((await (await h.call("POST", "/api/v1/connect/exchange", { body: { token: cs.token } })).json()) as { access_token: string }).access_token;
  credentials = { session: globexOwner, api_key: key.key, end_user: endUser };
});
afterAll(async () => {
  await h.close();
});

/** Which Acme table holds the rows an `{id}` after this path segment names. */
const TABLE_OF_SEGMENT: Record<string, string> = {
  "api-keys": "api_keys",
  members: "memberships",
  "end-users": "end_users",
  workflows: "workflows",
  executions: "workflow_executions",
  rules: "rules",
  sounds: "sounds",
  "webhook-endpoints": "webhook_endpoints",
  "webhook-deliveries": "webhook_deliveries",
  notifications: "notifications",
  events: "ingested_events",
  leads: "leads",
  "lead-sources": "lead_sources",
  forms: "meta_lead_forms",
  connections: "connections",
  "custom-providers": "custom_providers",
  purposes: "purposes",
};
const TABLE_OF_PARAM: Record<string, string> = {
  key_id: "api_keys",
  membership_id: "memberships",
  end_user_id: "end_users",
  lead_id: "leads",
  workflow_id: "workflows",
  execution_id: "workflow_executions",
};
const LITERAL: Record<string, string> = {
  provider: "slack",
  purpose: "workflow_automation",
  user_id: "user_xyz",
  client_id: "acme-homes",
  path: "new-customer",
  key: "slack",
  version: "1",
};

async function acmeIdFor(table: string): Promise<string | null> {
  const [exists] = await h.owner<{ t: string | null }[]>`select to_regclass(${`public.${table}`})::text as t`;
  if (!exists?.t) return null;
  const rows = await h.owner.unsafe<{ id: string }[]>(`select id::text as id from ${table} where workspace_id = $1 limit 1`, [h.acmeId]).catch(() => []);
  return rows[0]?.id ?? null;
}

async function fill(path: string): Promise<{ url: string; real: boolean }> {
  const segments = path.split("/");
  let real = false;
  for (let i = 0; i < segments.length; i++) {
    const m = /^\{(.+)\}$/.exec(segments[i]!);
    if (!m) continue;
    const name = m[1]!;
    let value: string | null = null;
    if (name === "workspace_id") value = h.acmeId;
    else if (LITERAL[name]) value = LITERAL[name]!;
    else {
      const table = TABLE_OF_PARAM[name] ?? TABLE_OF_SEGMENT[segments[i - 1] ?? ""];
      value = table ? await acmeIdFor(table) : null;
    }
    if (value && (name === "workspace_id" || !LITERAL[name])) real = true;
    segments[i] = encodeURIComponent(value ?? crypto.randomUUID());
  }
  return { url: segments.join("/"), real };
}

describe("tenant isolation over every route", () => {
  it("gives Globex's session, API key and end user 0 successes against Acme's ids", async () => {
    const doc = buildOpenApi(h.app) as { paths: Record<string, Record<string, unknown>> };
    const successes: string[] = [];
    let calls = 0;
    let operations = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.includes("{") || path.startsWith("/webhooks/")) continue; // inbound webhooks are authenticated by signature, not tenant credentials
      const { url, real } = await fill(path);
      if (!real) continue;
      for (const method of Object.keys(methods)) {
        operations++;
        for (const [kind, token] of Object.entries(credentials)) {
          const res = await h.call(method.toUpperCase(), url, { token, body: method === "get" || method === "delete" ? undefined : {} });
          calls++;
          if (res.status < 300) successes.push(`${kind} ${method.toUpperCase()} ${url} → ${res.status}`);
        }
      }
    }
    console.log(`tenant isolation: ${operations} operations on Acme's ids, ${calls} calls as Globex, ${successes.length} successes`);
    expect(operations).toBeGreaterThan(40);
    expect(successes).toEqual([]);
  }, 120_000);
});
