/**
 * Platform staff accounts (`users.platform_role` set): list, create with an initial password,
 * change role, disable/enable. A disabled account cannot sign in and its sessions stop at once
 * (identity/principal.ts, sessions.ts). The last enabled super_admin cannot be demoted or
 * disabled (Conflict), so the platform never locks itself out. Events: `staff.created`,
 * `staff.role_changed`, `staff.disabled`, `staff.enabled` (platform-level).
 */
import { and, asc, eq, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { isUniqueViolation, type Database } from "../../db/client";
import { withPlatform } from "../../db/tenant";
import { Conflict, NotFound } from "../../lib/errors";
import { appendDomainEvent } from "../../kernel/events";
import { refreshTokens, users } from "./schema";
import { hashPassword } from "./passwords";
import type { CreateStaffRequest, PlatformRole, StaffMember } from "@nhood/contracts";
import { findFirst } from "../../db/find-first";

type UserRow = typeof users.$inferSelect;
const toStaff = (u: UserRow): StaffMember => ({
  id: u.id,
  email: u.email,
  name: u.name,
  platform_role: u.platformRole!,
  disabled: u.disabledAt !== null,
  created_at: u.createdAt.toISOString(),
});

export async function listStaff(db: Database): Promise<StaffMember[]> {
  const rows = await db.select().from(users).where(isNotNull(users.platformRole)).orderBy(asc(users.createdAt));
  return rows.map(toStaff);
}

/** Creates a staff account; Conflict on `#/email` when the email is registered. */
export async function createStaff(
  db: Database,
  input: Required<Pick<CreateStaffRequest, "email" | "name" | "password">> & { platform_role: PlatformRole },
): Promise<StaffMember> {
  const taken = () => new Conflict("An account with this email exists already.", [{ pointer: "#/email", detail: "already registered" }]);
  const passwordHash = await hashPassword(input.password);
  return withPlatform(db, async (tx) => {
    const existing = await findFirst(tx, users, sql`lower(${users.email}) = ${input.email.toLowerCase()}`);
    if (existing) throw taken();
    const [row] = await tx
      .insert(users)
      .values({ email: input.email.toLowerCase(), name: input.name, passwordHash, platformRole: input.platform_role })
      .returning()
      .catch((e: unknown) => {
        throw isUniqueViolation(e, "users_email_key") ? taken() : e;
      });
    await appendDomainEvent(tx, {
      workspaceId: null,
      type: "staff.created",
      subjectId: row!.id,
      payload: { email: row!.email, platform_role: input.platform_role },
    });
    return toStaff(row!);
  });
}

/** Changes a staff member's role and/or disables or enables them. 404 when not staff. */
export async function updateStaff(
  db: Database,
  actorId: string,
  id: string,
  input: { platform_role?: PlatformRole; disabled?: boolean },
): Promise<StaffMember> {
  return withPlatform(db, async (tx) => {
    // lock the super_admin rows so two demotions at once cannot both pass the last-admin check
    await tx.execute(sql`select id from users where platform_role = 'super_admin' for update`);
    const u = await findFirst(tx, users, and(eq(users.id, id), isNotNull(users.platformRole)));
    if (!u) throw new NotFound("staff member");
    const losesSuperAdmin =
      u.platformRole === "super_admin" && !u.disabledAt && ((input.platform_role && input.platform_role !== "super_admin") || input.disabled === true);
    if (losesSuperAdmin) {
      const [others] = await tx
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(users)
        .where(and(eq(users.platformRole, "super_admin"), isNull(users.disabledAt), ne(users.id, id)));
      if (others!.n === 0) throw new Conflict("This is the last super_admin; make someone else super_admin first.");
    }
    if (input.disabled === true && id === actorId)
      throw new Conflict("You cannot disable your own account.", [{ pointer: "#/disabled", detail: "own account" }]);
    const [row] = await tx
      .update(users)
      .set({
        ...(input.platform_role && { platformRole: input.platform_role }),
        ...(input.disabled !== undefined && { disabledAt: input.disabled ? (u.disabledAt ?? new Date()) : null }),
      })
      .where(eq(users.id, id))
      .returning();
    if (input.platform_role && input.platform_role !== u.platformRole) {
      await appendDomainEvent(tx, { workspaceId: null, type: "staff.role_changed", subjectId: id, payload: { from: u.platformRole, to: input.platform_role } });
    }
    if (input.disabled !== undefined && input.disabled !== (u.disabledAt !== null)) {
      if (input.disabled)
        await tx
          .update(refreshTokens)
          .set({ revokedAt: new Date() })
          .where(and(eq(refreshTokens.userId, id), isNull(refreshTokens.revokedAt)));
      await appendDomainEvent(tx, { workspaceId: null, type: input.disabled ? "staff.disabled" : "staff.enabled", subjectId: id, payload: { email: u.email } });
    }
    return toStaff(row!);
  });
}
