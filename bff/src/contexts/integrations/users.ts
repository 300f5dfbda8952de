/**
 * Users of a workspace (seed 003 §4.2, §5.4; decision 024): the end users integrations owns,
 * with the seed's phone, user roles, status, metadata and push tokens. A user is addressed by
 * id or by the tenant's `externalUserId`; erased users (GDPR Art. 17, and `DELETE /users/{id}`)
 * are gone from every read. New users count against the plan's users quota; each one appends
 * `end_user.created` (sent to webhooks as `user.registered`).
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { Conflict, NotFound, ValidationFailed, type FieldError } from "../../lib/errors";
import { after, pageOf, PAGE_SIZE } from "../../lib/keyset";
import { appendDomainEvent, appendDomainEvents } from "../../kernel/events";
import { admitWorkspaceUsers } from "../tenancy";
import { endUsers } from "./schema";
import { unknownUserRoles } from "./user-roles";
import { pushTokensByUser, replacePushTokens } from "./push-tokens";
import { eraseEndUser } from "./gdpr";
import type { User, UserInput } from "@nhood/contracts/users";
import type { z } from "zod";
import type { userListQuerySchema, userUpdateSchema } from "@nhood/contracts/users";

type Row = typeof endUsers.$inferSelect;
export type UserPatch = z.output<typeof userUpdateSchema>;
type Parsed = Omit<UserInput, "externalUserId"> & { externalUserId?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toUser(r: Row, tokens: User["push_tokens"] = []): User {
  return {
    id: r.id,
    external_user_id: r.externalUserId,
    email: r.email,
    phone: r.phone,
    name: r.name,
    roles: r.roles,
    status: r.status,
    metadata: r.metadata,
    push_tokens: tokens,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

/** The user's row by id or externalUserId (an id match first), or null; erased users are not found. */
export async function findUserRow(tx: Tx, workspaceId: string, ref: string): Promise<Row | null> {
  const rows = await tx
    .select()
    .from(endUsers)
    .where(
      and(
        eq(endUsers.workspaceId, workspaceId),
        isNull(endUsers.erasedAt),
        UUID.test(ref) ? sql`(${endUsers.id} = ${ref}::uuid or ${endUsers.externalUserId} = ${ref})` : eq(endUsers.externalUserId, ref),
      ),
    )
    .orderBy(sql`${endUsers.id}::text = ${ref} desc`)
    .limit(1);
  return rows[0] ?? null;
}

async function requireUser(tx: Tx, workspaceId: string, ref: string): Promise<Row> {
  const r = await findUserRow(tx, workspaceId, ref);
  if (!r) throw new NotFound("user");
  return r;
}

/** One user with their push tokens. */
export async function getUser(tx: Tx, workspaceId: string, ref: string): Promise<User> {
  const r = await requireUser(tx, workspaceId, ref);
  return toUser(r, (await pushTokensByUser(tx, workspaceId, [r.id])).get(r.id) ?? []);
}

/** A page of the workspace's users, newest first, optionally only those with `role` or `status`. */
export async function listUsers(tx: Tx, workspaceId: string, q: z.output<typeof userListQuerySchema>) {
  const rows = await tx
    .select()
    .from(endUsers)
    .where(
      and(
        eq(endUsers.workspaceId, workspaceId),
        isNull(endUsers.erasedAt),
        q.role ? sql`${endUsers.roles} @> array[${q.role}]::text[]` : undefined,
        q.status ? eq(endUsers.status, q.status) : undefined,
        after(endUsers.createdAt, endUsers.id, q.cursor),
      ),
    )
    .orderBy(desc(endUsers.createdAt), desc(endUsers.id))
    .limit(PAGE_SIZE + 1);
  const tokens = await pushTokensByUser(
    tx,
    workspaceId,
    rows.slice(0, PAGE_SIZE).map((r) => r.id),
  );
  return pageOf(
    rows,
    PAGE_SIZE,
    (r) => r.createdAt,
    (r) => toUser(r, tokens.get(r.id) ?? []),
  );
}

/** Field errors for roles the workspace has not defined, pointing under `base` (`#` or `#/users/3`). */
function roleErrors(base: string, roles: string[] | undefined, unknown: Set<string>): FieldError[] {
  return (roles ?? []).flatMap((r, i) =>
    unknown.has(r) ? [{ pointer: `${base}/roles/${i}`, detail: `no user role "${r}" in this workspace (POST /roles first)` }] : [],
  );
}

const registered = (r: Row, source: string) => ({
  workspaceId: r.workspaceId,
  type: "end_user.created",
  subjectId: r.id,
  payload: { external_user_id: r.externalUserId, roles: r.roles, status: r.status, source },
});

/** Creates a user (`POST /users`). Conflict (409) when the externalUserId is taken; 400 for unknown roles; 403 past the users quota. */
export async function createUser(tx: Tx, workspaceId: string, v: UserInput): Promise<User> {
  const unknown = await unknownUserRoles(tx, workspaceId, v.roles ?? []);
  if (unknown.size) throw new ValidationFailed(roleErrors("#", v.roles, unknown));
  if (await findUserRow(tx, workspaceId, v.externalUserId).then((r) => r?.externalUserId === v.externalUserId)) {
    throw new Conflict("A user with this externalUserId exists; update it with PUT /users/{id}.", [
      { pointer: "#/externalUserId", detail: "already registered" },
    ]);
  }
  await admitWorkspaceUsers(tx, workspaceId, 1);
  const [row] = await tx
    .insert(endUsers)
    .values({
      workspaceId,
      externalUserId: v.externalUserId,
      email: v.email ?? null,
      phone: v.phone ?? null,
      name: v.name ?? null,
      roles: v.roles ?? [],
      status: v.status ?? "active",
      metadata: v.metadata ?? {},
    })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw new Conflict("A user with this externalUserId was registered at the same time.", [{ pointer: "#/externalUserId", detail: "already registered" }]);
  if (v.pushTokens) await replacePushTokens(tx, workspaceId, [{ endUserId: row.id, tokens: v.pushTokens }]);
  await appendDomainEvent(tx, registered(row, "api"));
  return toUser(row, v.pushTokens ?? []);
}

/** Changes the fields sent (`PUT /users/{id}`); `pushTokens` replaces the set. */
export async function updateUser(tx: Tx, workspaceId: string, ref: string, v: UserPatch): Promise<User> {
  const current = await requireUser(tx, workspaceId, ref);
  const unknown = await unknownUserRoles(tx, workspaceId, v.roles ?? []);
  if (unknown.size) throw new ValidationFailed(roleErrors("#", v.roles, unknown));
  const [row] = await tx
    .update(endUsers)
    .set({ email: v.email, phone: v.phone, name: v.name, roles: v.roles, status: v.status, metadata: v.metadata, updatedAt: new Date() })
    .where(eq(endUsers.id, current.id))
    .returning();
  if (v.pushTokens) await replacePushTokens(tx, workspaceId, [{ endUserId: row!.id, tokens: v.pushTokens }]);
  await appendDomainEvent(tx, {
    workspaceId,
    type: "end_user.updated",
    subjectId: row!.id,
    payload: { fields: Object.keys(v).filter((k) => v[k as keyof UserPatch] !== undefined) },
  });
  return getUser(tx, workspaceId, row!.id);
}

/** Approves a pending (or unverified) user: status `active`. Idempotent for an active user; Conflict for a disabled one. */
export async function approveUser(tx: Tx, workspaceId: string, ref: string): Promise<User> {
  const current = await requireUser(tx, workspaceId, ref);
  if (current.status === "disabled") throw new Conflict("A disabled user is not approved; enable them with PUT /users/{id} and status active.");
  if (current.status !== "active") {
    await tx.update(endUsers).set({ status: "active", updatedAt: new Date() }).where(eq(endUsers.id, current.id));
    await appendDomainEvent(tx, { workspaceId, type: "end_user.approved", subjectId: current.id, payload: { previous_status: current.status } });
  }
  return getUser(tx, workspaceId, current.id);
}

/** Deletes a user: their data is erased as a GDPR erasure does (gdpr.ts `eraseEndUser`), in `tx`. */
export async function deleteUser(tx: Tx, workspaceId: string, ref: string): Promise<void> {
  const current = await requireUser(tx, workspaceId, ref);
  await appendDomainEvent(tx, { workspaceId, type: "end_user.erasure_requested", subjectId: current.id, payload: { via: "users_api" } });
  await eraseEndUser(tx, workspaceId, current.id);
}

export interface SyncRow {
  index: number;
  external_user_id: string | null;
  outcome: "created" | "updated" | "failed";
  id: string | null;
  errors: FieldError[];
}

/**
 * Bulk upsert (`POST /users/sync`, at most 1,000 rows): each row is validated on its own and
 * answered on its own (`created`, `updated` or `failed` with pointers `#/users/{i}/…`); a bad row
 * never fails the others. Fields a row leaves out keep their values; new users take the
 * defaults. New users past the plan's users quota fail (in row order). A fixed number of
 * statements whatever the row count: roles check, existing users, quota, one upsert, push
 * tokens, one multi-row domain-event append.
 */
export async function syncUsers(tx: Tx, workspaceId: string, rows: { index: number; value?: UserInput; errors: FieldError[] }[]): Promise<SyncRow[]> {
  const out: SyncRow[] = rows.map((r) => ({
    index: r.index,
    external_user_id: r.value?.externalUserId ?? null,
    outcome: "failed",
    id: null,
    errors: r.errors,
  }));
  const seen = new Map<string, number>();
  for (const [i, r] of rows.entries()) {
    if (!r.value) continue;
    const first = seen.get(r.value.externalUserId);
    if (first !== undefined) out[i]!.errors.push({ pointer: `#/users/${r.index}/externalUserId`, detail: `repeats #/users/${first}; send each user once` });
    else seen.set(r.value.externalUserId, r.index);
  }
  const unknown = await unknownUserRoles(
    tx,
    workspaceId,
    rows.flatMap((r) => r.value?.roles ?? []),
  );
  for (const [i, r] of rows.entries()) if (r.value) out[i]!.errors.push(...roleErrors(`#/users/${r.index}`, r.value.roles, unknown));
  const valid = rows.flatMap((r, i) => (r.value && !out[i]!.errors.length ? [{ i, v: r.value as Parsed & { externalUserId: string } }] : []));
  if (!valid.length) return out;

  const existing = new Map<string, Row>();
  const found = await tx
    .select()
    .from(endUsers)
    .where(
      and(
        eq(endUsers.workspaceId, workspaceId),
        isNull(endUsers.erasedAt),
        sql`${endUsers.externalUserId} in (select jsonb_array_elements_text(${JSON.stringify(valid.map((x) => x.v.externalUserId))}::jsonb))`,
      ),
    );
  for (const r of found) existing.set(r.externalUserId, r);

  // the users quota: new users in row order, as many as fit
  const fresh = valid.filter((x) => !existing.has(x.v.externalUserId));
  let fits = 0;
  if (fresh.length) {
    fits = await admitWorkspaceUsers(tx, workspaceId, fresh.length, { partial: true }).catch((e: unknown) => {
      if ((e as { slug?: string }).slug === "quota-exceeded") return 0;
      throw e;
    });
  }
  for (const x of fresh.slice(fits)) {
    out[x.i]!.errors.push({ pointer: `#/users/${rows[x.i]!.index}`, detail: "the plan's users quota is reached: this user was not created" });
  }
  const refused = new Set(fresh.slice(fits).map((x) => x.i));
  const write = valid.filter((x) => !refused.has(x.i));
  if (!write.length) return out;

  const values = write.map(({ v }) => {
    const e = existing.get(v.externalUserId);
    return {
      external_user_id: v.externalUserId,
      email: v.email !== undefined ? v.email : (e?.email ?? null),
      phone: v.phone !== undefined ? v.phone : (e?.phone ?? null),
      name: v.name !== undefined ? v.name : (e?.name ?? null),
      roles: `{${(v.roles ?? e?.roles ?? []).map((k) => `"${k}"`).join(",")}}`,
      status: v.status ?? e?.status ?? "active",
      metadata: v.metadata ?? e?.metadata ?? {},
    };
  });
  const upserted = await tx.execute<{ id: string; external_user_id: string; inserted: boolean; roles: string[]; status: Row["status"] }>(sql`
    insert into end_users (workspace_id, external_user_id, email, phone, name, roles, status, metadata)
    select ${workspaceId}, r.external_user_id, r.email, r.phone, r.name, r.roles::text[], r.status, r.metadata
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
        as r(external_user_id text, email text, phone text, name text, roles text, status text, metadata jsonb)
    on conflict (workspace_id, external_user_id) do update
       set email = excluded.email, phone = excluded.phone, name = excluded.name, roles = excluded.roles,
           status = excluded.status, metadata = excluded.metadata, updated_at = now()
    returning id, external_user_id, (xmax = 0) as inserted, roles, status`);
  const byExternal = new Map(upserted.map((u) => [u.external_user_id, u]));
  for (const { i, v } of write) {
    const u = byExternal.get(v.externalUserId)!;
    out[i]!.id = u.id;
    out[i]!.outcome = u.inserted ? "created" : "updated";
  }
  await replacePushTokens(
    tx,
    workspaceId,
    write.filter((x) => x.v.pushTokens).map((x) => ({ endUserId: byExternal.get(x.v.externalUserId)!.id, tokens: x.v.pushTokens! })),
  );
  await appendDomainEvents(
    tx,
    upserted.map((u) =>
      u.inserted
        ? {
            workspaceId,
            type: "end_user.created",
            subjectId: u.id,
            payload: { external_user_id: u.external_user_id, roles: u.roles, status: u.status, source: "sync" },
          }
        : { workspaceId, type: "end_user.updated", subjectId: u.id, payload: { source: "sync" } },
    ),
  );
  return out;
}

/** Users of the workspace the users quota counts: not erased (tenancy's registerUserCounter). */
export async function countEndUsers(tx: Tx, workspaceId: string): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(endUsers)
    .where(and(eq(endUsers.workspaceId, workspaceId), isNull(endUsers.erasedAt)));
  return r?.n ?? 0;
}
