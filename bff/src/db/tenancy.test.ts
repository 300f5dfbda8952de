import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase } from "./client";
import { withWorkspace } from "./tenant";
import { ensureTenantRls } from "./bootstrap";
import { openHarness, type Harness } from "../testing/harness";
import { apiKeys, memberships } from "../contexts/identity/schema";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

describe("row-level security", () => {
  it("runs the app as a role that is neither superuser nor BYPASSRLS", async () => {
    const [role] = await h.handles.sql<
      { rolsuper: boolean; rolbypassrls: boolean }[]
    >`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it("forces RLS on every table that has a workspace_id", async () => {
    const rows = await h.owner<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }[]>`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'workspace_id' and not a.attisdropped)`;
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows)
      expect({ table: r.relname, rls: r.relrowsecurity, force: r.relforcerowsecurity }).toEqual({ table: r.relname, rls: true, force: true });
  });

  it("shows no tenant rows when no workspace is set", async () => {
    const [owned] = await h.owner<{ n: number }[]>`select count(*)::int as n from memberships`;
    expect(owned!.n).toBeGreaterThan(0);
    const visible = await h.handles.db.select().from(memberships);
    expect(visible).toHaveLength(0);
    expect(await h.handles.db.select().from(apiKeys)).toHaveLength(0);
  });

  it("shows only the set workspace's rows", async () => {
    const rows = await withWorkspace(h.handles.db, h.globexId, (tx) => tx.select().from(memberships));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.workspaceId))).toEqual(new Set([h.globexId]));
  });

  it("refuses to write a row into another workspace", async () => {
    await expect(
      withWorkspace(h.handles.db, h.globexId, (tx) =>
        tx.execute(sql`update branding set primary_color = '#000000' where workspace_id = ${h.acmeId} returning workspace_id`),
      ),
    ).resolves.toHaveLength(0);
    await expect(
      withWorkspace(h.handles.db, h.globexId, (tx) => tx.execute(sql`insert into end_users (workspace_id, external_user_id) values (${h.acmeId}, 'intruder')`)),
    ).rejects.toThrow();
  });

  it("forces RLS on a new tenant table that a migration forgot", async () => {
    const table = `forgotten_${Date.now().toString(36)}`;
    await h.owner.unsafe(`create table ${table} (id serial primary key, workspace_id uuid not null)`);
    try {
      await h.owner.unsafe(`insert into ${table} (workspace_id) values ('${h.acmeId}'), ('${h.globexId}')`);
      await h.owner.unsafe(`grant select on ${table} to nhood_app`);
      expect(await ensureTenantRls(h.owner)).toContain(table);
      expect(await h.handles.sql.unsafe(`select * from ${table}`)).toHaveLength(0);
      const acmeRows = await withWorkspace(h.handles.db, h.acmeId, (tx) => tx.execute(sql.raw(`select workspace_id from ${table}`)));
      expect(acmeRows.map((r) => r.workspace_id)).toEqual([h.acmeId]);
      expect(await ensureTenantRls(h.owner)).not.toContain(table);
    } finally {
      await h.owner.unsafe(`drop table ${table}`);
    }
  });

  it("leaves no workspace setting on a pooled connection after a failed transaction", async () => {
    const single = openDatabase(h.appUrl, 1);
    try {
      await expect(
        withWorkspace(single.db, h.acmeId, async (tx) => {
          await tx.execute(sql`select 1`);
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      const [after] = await single.sql<{ ws: string | null }[]>`select current_setting('app.workspace_id', true) as ws`;
      expect(after!.ws ?? "").toBe("");
      expect(await single.db.select().from(memberships)).toHaveLength(0);
    } finally {
      await single.close();
    }
  });
});
