/**
 * Key rotation (issue 18 part 5, decision 030) against real PostgreSQL: secrets set through the
 * API (the workspace's webhook secret, a webhook endpoint's secret, the VAPID key, FCM and APNs
 * credentials, the client SDK's user-hash secret, Meta settings, a provider webhook secret) and
 * every column the contexts declare (kernel/sealed-secrets.ts) still decrypt after a master key
 * rotation and after a data key rotation; the old key opens none of them; an interrupted master
 * key rotation finishes when run again; each rotation is audited; another workspace's secrets are
 * untouched by a data key rotation.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../testing/harness";
import { settle, workspaceOnPlan } from "../../testing/notifications";
import { sealedTables } from "../../kernel/sealed-secrets";
import { DecryptionFailed, decryptForPlatform, decryptForWorkspace, loadMasterKey } from "../../lib/secrets";
import { rotateMasterKey, rotateWorkspaceDataKey, RotationNotConfigured } from "./key-rotation";

let h: Harness;
let original: { key?: string; previous?: string };
let oldKey = "";

beforeAll(async () => {
  original = { key: process.env.MASTER_KEY, previous: process.env.MASTER_KEY_PREVIOUS };
  h = await openHarness();
  oldKey = loadMasterKey().toString("base64");
});
afterEach(() => {
  process.env.MASTER_KEY = oldKey;
  delete process.env.MASTER_KEY_PREVIOUS;
});
afterAll(async () => {
  if (original.key === undefined) delete process.env.MASTER_KEY;
  else process.env.MASTER_KEY = original.key;
  if (original.previous !== undefined) process.env.MASTER_KEY_PREVIOUS = original.previous;
  await h.close();
});

type Ws = Awaited<ReturnType<typeof workspaceOnPlan>>;

/** Gives `ws` one of each kind of secret, through the API. */
async function withSecrets(ws: Ws): Promise<void> {
  const base = `/api/v1/workspaces/${ws.workspaceId}`;
  expect((await h.call("POST", "/api/v1/webhook-endpoints", { token: ws.token, body: { url: "http://127.0.0.1:9/in" } })).status).toBe(201);
  expect((await h.call("GET", "/api/v1/notifications/push/public-key", { token: ws.token })).status).toBe(200);
  const pem = (kind: "rsa" | "ec") =>
    (kind === "rsa" ? generateKeyPairSync("rsa", { modulusLength: 2048 }) : generateKeyPairSync("ec", { namedCurve: "P-256" })).privateKey
      .export({ type: "pkcs8", format: "pem" })
      .toString();
  const serviceAccount = {
    type: "service_account",
    project_id: "rotation-test",
    private_key_id: randomBytes(20).toString("hex"),
    private_key: pem("rsa"),
    client_email: "push@rotation-test.iam.gserviceaccount.com",
    token_uri: "https://oauth2.googleapis.com/token",
  };
  expect((await h.call("PUT", `${base}/push-credentials/fcm`, { token: ws.token, body: { service_account: serviceAccount } })).status).toBe(200);
  const apns = { key_p8: pem("ec"), key_id: "ABC123DEFG", team_id: "DEF123GHIJ", bundle_id: "com.acme.app", environment: "sandbox" };
  expect((await h.call("PUT", `${base}/push-credentials/apns`, { token: ws.token, body: apns })).status).toBe(200);
  expect((await h.call("GET", `${base}/client-keys`, { token: ws.token })).status).toBe(200);
  const meta = await h.call("PUT", `${base}/meta-settings`, {
    token: ws.token,
    body: { app_secret: "meta-app-secret-1", page_access_token: "EAAB-page-token-1" },
  });
  expect(meta.status).toBeLessThan(300);
  const hook = await h.call("PUT", `${base}/provider-webhooks/github`, { token: ws.token, body: { secret: "github-webhook-secret-1" } });
  expect(hook.status).toBeLessThan(300);
}

/**
 * Every sealed value of `workspaceId` opened with the keys in force now: the workspace's webhook
 * secret and each declared column (by its declared purpose), as `table.column#key → plaintext`.
 * Throws DecryptionFailed when one does not open.
 */
async function openAll(workspaceId: string, wrapped?: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const [ws] = await h.owner<
    { key: string; hook: string }[]
  >`select data_key_wrapped as key, webhook_secret_encrypted as hook from workspaces where id = ${workspaceId}`;
  const key = wrapped ?? ws!.key;
  out.set("workspaces.webhook_secret", decryptForWorkspace(key, workspaceId, "webhook_secret", ws!.hook));
  for (const t of sealedTables().filter((x) => x.perWorkspace)) {
    const rows = await h.owner.unsafe<Record<string, string>[]>(
      `select * from ${t.table} where workspace_id = $1`.replace(
        "*",
        [t.key, ...(t.extra ?? []), ...t.columns.map((c) => c.column)].map((c) => `${c}::text as ${c}`).join(", "),
      ),
      [workspaceId],
    );
    for (const r of rows) {
      for (const c of t.columns) {
        const sealed = r[c.column];
        if (sealed == null) continue;
        const plain = c.sealedWith === "workspace" ? decryptForWorkspace(key, workspaceId, c.purpose(r), sealed) : decryptForPlatform(c.purpose(r), sealed);
        out.set(`${t.table}.${c.column}#${r[t.key]}`, plain);
      }
    }
  }
  return out;
}

const sealedValues = async (workspaceId: string) => {
  const [ws] = await h.owner<
    { key: string; hook: string }[]
  >`select data_key_wrapped as key, webhook_secret_encrypted as hook from workspaces where id = ${workspaceId}`;
  return JSON.stringify([ws, await h.owner`select secret_encrypted from push_credentials where workspace_id = ${workspaceId} order by provider`]);
};

describe("master key rotation", () => {
  it("re-wraps every workspace's data key and re-seals platform secrets; everything still opens, the old key opens nothing, a second run changes nothing", async () => {
    const a = await workspaceOnPlan(h, "starter", "Rotate Master A");
    const b = await workspaceOnPlan(h, "starter", "Rotate Master B");
    await withSecrets(a);
    await withSecrets(b);
    const before = { a: await openAll(a.workspaceId), b: await openAll(b.workspaceId) };
    // the kinds the API set: 9 sealed values (webhook secret, endpoint, VAPID, FCM, APNs, user-hash secret, Meta ×2 + verify token, GitHub)
    expect(before.a.size).toBeGreaterThanOrEqual(9);
    expect([...before.a.keys()].some((k) => k.startsWith("publishable_keys.user_hash_secret"))).toBe(true);

    await expect(rotateMasterKey(h.handles.db)).rejects.toBeInstanceOf(RotationNotConfigured);
    const newKey = randomBytes(32).toString("base64");
    process.env.MASTER_KEY = newKey;
    process.env.MASTER_KEY_PREVIOUS = oldKey;

    // interrupted after the first workspace (the progress line follows its commit) …
    const [{ n }] = (await h.owner<{ n: number }[]>`select count(*)::int as n from workspaces`) as unknown as [{ n: number }];
    await expect(
      rotateMasterKey(h.handles.db, () => {
        throw new Error("interrupted");
      }),
    ).rejects.toThrow("interrupted");
    // … and finished by running it again: the first workspace is not re-wrapped twice
    const run = await rotateMasterKey(h.handles.db);
    expect(run).toMatchObject({ workspaces: n, rewrapped: n - 1 });
    expect(run.platformValues).toBeGreaterThanOrEqual(1);
    expect(await rotateMasterKey(h.handles.db)).toEqual({ workspaces: n, rewrapped: 0, platformValues: 0 });

    // the new key alone opens everything, with the same plaintexts
    delete process.env.MASTER_KEY_PREVIOUS;
    expect(await openAll(a.workspaceId)).toEqual(before.a);
    expect(await openAll(b.workspaceId)).toEqual(before.b);
    // and the API still reads them (push credentials are decrypted to be described)
    expect((await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/client-keys`, { token: a.token })).status).toBe(200);

    // the old key alone opens nothing
    process.env.MASTER_KEY = oldKey;
    await expect(openAll(a.workspaceId)).rejects.toBeInstanceOf(DecryptionFailed);
    const [pk] = await h.owner<{ s: string }[]>`select user_hash_secret as s from publishable_keys where workspace_id = ${a.workspaceId}`;
    expect(() => decryptForPlatform("publishable_keys.user_hash_secret", pk!.s)).toThrow(DecryptionFailed);

    // audited: each workspace's re-wrap and the run
    await settle(
      h,
      async () => (await h.owner`select 1 from audit_log where workspace_id = ${a.workspaceId} and action = 'workspace.data_key_rewrapped'`).length > 0,
    );
    expect(await h.owner`select 1 from audit_log where workspace_id is null and action = 'platform.master_key_rotated'`).not.toHaveLength(0);
  }, 120_000);
});

describe("workspace data key rotation", () => {
  it("re-seals every secret of the workspace under a fresh data key; the old data key opens none; another workspace is untouched", async () => {
    const a = await workspaceOnPlan(h, "starter", "Rotate Data A");
    const other = await workspaceOnPlan(h, "starter", "Rotate Data Other");
    await withSecrets(a);
    await withSecrets(other);
    const before = await openAll(a.workspaceId);
    const otherBefore = await sealedValues(other.workspaceId);
    const [{ key: oldWrapped }] = (await h.owner<{ key: string }[]>`select data_key_wrapped as key from workspaces where id = ${a.workspaceId}`) as unknown as [
      { key: string },
    ];

    const { values } = await rotateWorkspaceDataKey(h.handles.db, a.workspaceId);
    // every workspace-sealed value (the user-hash secret is sealed with the platform key)
    expect(values).toBe([...before.keys()].filter((k) => !k.startsWith("publishable_keys.")).length);

    expect(await openAll(a.workspaceId)).toEqual(before);
    await expect(openAll(a.workspaceId, oldWrapped)).rejects.toBeInstanceOf(DecryptionFailed);
    expect(await sealedValues(other.workspaceId)).toBe(otherBefore);
    // the API still works with the new key: credentials read back, a new secret is sealed under it
    expect((await h.call("GET", `/api/v1/workspaces/${a.workspaceId}/push-credentials`, { token: a.token })).status).toBe(200);
    expect((await h.call("POST", "/api/v1/webhook-endpoints", { token: a.token, body: { url: "http://127.0.0.1:9/two" } })).status).toBe(201);
    expect((await openAll(a.workspaceId)).size).toBe(before.size + 1);

    await settle(
      h,
      async () => (await h.owner`select 1 from audit_log where workspace_id = ${a.workspaceId} and action = 'workspace.data_key_rotated'`).length > 0,
    );
  }, 120_000);
});
