/**
 * Secrets at rest: after the demo, one OAuth app, one connection with tokens and one webhook
 * endpoint, a dump of the database holds no plaintext API key, webhook secret, client secret or
 * token. The dump is `pg_dump` when the installed client can read the server (e.g. PostgreSQL 15
 * in CI); otherwise every row of every table, as text, read by the owner — the same content.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { openHarness, type Harness } from "../testing/harness";
import { signUpWorkspace } from "../testing/fixtures";
import { givenConnection } from "../contexts/integrations/test-support";

const run = promisify(execFile);
let h: Harness;
beforeAll(async () => {
  process.env.NH_OUTBOUND_ALLOWLIST = "127.0.0.1/32"; // the endpoint below is a local address (no DNS here)
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

async function dumpDatabase(): Promise<{ how: string; text: string }> {
  try {
    const { stdout } = await run("pg_dump", ["--data-only", "--no-owner", h.ownerUrl], { maxBuffer: 512 * 1024 * 1024 });
    return { how: "pg_dump", text: stdout };
  } catch {
    const tables = await h.owner<{ schema: string; name: string }[]>`
      select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname in ('public', 'graphile_worker')`;
    const parts: string[] = [];
    for (const t of tables) {
      const rows = await h.owner.unsafe<{ row: string }[]>(`select t::text as row from "${t.schema}"."${t.name}" t`);
      parts.push(...rows.map((r) => r.row));
    }
    return { how: "row scan", text: parts.join("\n") };
  }
}

describe("secrets at rest", () => {
  it("leave no plaintext credential in a dump of the database", async () => {
    const ws = await signUpWorkspace(h, "Vault Co", "vault");
    await h.owner`update workspaces set plan = 'professional' where id = ${ws.workspaceId}`; // webhooks need a paid plan
    const owner = await h.signIn(ws.email, ws.password);
    const clientSecret = `cs-${crypto.randomUUID()}`;
    const saved = await h.call("PUT", `/api/v1/workspaces/${ws.workspaceId}/oauth-apps/slack`, {
      token: owner,
      body: { client_id: "client-123", client_secret: clientSecret },
    });
    expect(saved.status).toBeLessThan(300);
    const created = await h.call("POST", "/api/v1/webhook-endpoints", { token: owner, body: { url: "http://127.0.0.1:9/hooks" } });
    const endpoint = (await created.json()) as { secret: string };
    expect({ status: created.status, secret: typeof endpoint.secret }, JSON.stringify(endpoint)).toEqual({ status: 201, secret: "string" });
    const cs = (await (await h.call("POST", "/api/v1/connect/sessions", { token: ws.apiKey, body: { end_user_id: "vault-user" } })).json()) as {
      token: string;
    };
    const [eu] = await h.owner<{ id: string }[]>`select id from end_users where workspace_id = ${ws.workspaceId} and external_user_id = 'vault-user'`;
    const accessToken = `xoxb-${crypto.randomUUID()}`;
    const refreshToken = `xoxe-${crypto.randomUUID()}`;
    await givenConnection(h, ws.workspaceId, eu!.id, "slack", accessToken, {
      tokens: { accessToken, refreshToken, expiresAt: new Date(Date.now() + 3600_000) } as never,
    });

    const dump = await dumpDatabase();
    console.log(`secrets at rest: ${dump.how}, ${dump.text.length} characters scanned`);
    expect(dump.text).toContain(ws.workspaceId); // the dump really holds this workspace
    for (const [what, secret] of Object.entries({
      api_key: ws.apiKey,
      webhook_secret: ws.webhookSecret,
      client_secret: clientSecret,
      endpoint_secret: endpoint.secret,
      access_token: accessToken,
      refresh_token: refreshToken,
      connect_session: cs.token,
    })) {
      expect(dump.text.includes(secret), what).toBe(false);
    }
  });
});
