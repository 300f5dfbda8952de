/**
 * A workspace's own records (issue 16 part 3, seed 003 §5.2): its project record
 * (`GET/PUT /projects/me`) and its own audit log. The audit log is the kernel's read model
 * (kernel/audit.ts) read through kernel/audit-query.ts inside the workspace's own scope, and the
 * query names the workspace too: a workspace sees only rows with its id, never another
 * workspace's and never the platform's own rows (staff actions and failed sign-ins of unknown
 * accounts have no workspace), whatever the filter says.
 */
import { eq } from "drizzle-orm";
import type { Project, UpdateProjectRequest, WorkspaceAuditEntry } from "@nhood/contracts";
import type { Database, Tx } from "../../db/client";
import { withWorkspace } from "../../db/tenant";
import { allAuditRows, pageAuditRows, type AuditLogRow } from "../../kernel/audit-query";
import { appendDomainEvent } from "../../kernel/events";
import { NotFound } from "../../lib/errors";
import { workspaceMembers } from "../identity";
import { updateBillingContact } from "./billing-contact";
import { planOf } from "./plans";
import { workspaces } from "./schema";
import { getBranding, updateBranding } from "./service";

/** The workspace's project record: name, plan, status, branding, billing e-mail, Test mode, quotas. */
export async function getProject(tx: Tx, workspaceId: string): Promise<Project> {
  const [ws] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!ws) throw new NotFound("workspace");
  const b = await getBranding(tx, workspaceId);
  const plan = await planOf(tx, workspaceId);
  return {
    id: ws.id,
    name: ws.name,
    plan: ws.plan,
    status: ws.status,
    branding: { display_name: b.display_name, logo_url: b.logo_url, primary_color: b.primary_color, custom_domain: b.custom_domain },
    billing_email: ws.billingEmail,
    test_mode: ws.testMode,
    quotas: { events_per_month: plan.eventsPerMonth, notifications_per_month: plan.notificationsPerMonth, users: plan.users },
    created_at: ws.createdAt.toISOString(),
  };
}

/**
 * Changes the given fields (already validated by `updateProjectRequestSchema`): the name
 * (`workspace.renamed`), branding fields (`branding.updated`), the billing e-mail
 * (`workspace.billing_contact_changed`). Answers the record after the change.
 */
export async function updateProject(tx: Tx, workspaceId: string, input: UpdateProjectRequest): Promise<Project> {
  if (input.name !== undefined) {
    const [before] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
    if (!before) throw new NotFound("workspace");
    if (before.name !== input.name) {
      await tx.update(workspaces).set({ name: input.name }).where(eq(workspaces.id, workspaceId));
      await appendDomainEvent(tx, { workspaceId, type: "workspace.renamed", subjectId: workspaceId, payload: { from: before.name, to: input.name } });
    }
  }
  const brandingInput = {
    ...(input.display_name !== undefined && { display_name: input.display_name }),
    ...(input.logo_url !== undefined && { logo_url: input.logo_url }),
    ...(input.primary_color !== undefined && { primary_color: input.primary_color }),
  };
  if (Object.keys(brandingInput).length) await updateBranding(tx, workspaceId, brandingInput);
  if (input.billing_email !== undefined) await updateBillingContact(tx, workspaceId, input.billing_email?.toLowerCase() ?? null);
  return getProject(tx, workspaceId);
}

/** Filters of a workspace's audit log (`target` is the entry's subject id). */
export interface WorkspaceAuditFilter {
  actor_id?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

async function toEntries(tx: Tx, workspaceId: string, rows: AuditLogRow[]): Promise<WorkspaceAuditEntry[]> {
  const people = rows.some((r) => r.actorKind === "user" && r.actorId) ? await workspaceMembers(tx, workspaceId) : [];
  const names = new Map(people.map((m) => [m.user_id, m.name ? `${m.name} <${m.email}>` : m.email]));
  return rows.map((r) => ({
    id: r.eventId,
    action: r.action,
    actor_kind: r.actorKind,
    actor_id: r.actorId,
    actor_name: r.actorKind === "user" && r.actorId ? (names.get(r.actorId) ?? null) : null,
    subject_id: r.subjectId,
    detail: (r.detail ?? {}) as Record<string, unknown>,
    ip: r.ip,
    occurred_at: r.occurredAt.toISOString(),
  }));
}

/** One page (`limit` 1–200) of the workspace's own audit entries, newest first, and the next cursor. */
export function listWorkspaceAudit(
  db: Database,
  workspaceId: string,
  f: WorkspaceAuditFilter,
  cursor: string | undefined,
  limit: number,
): Promise<{ items: WorkspaceAuditEntry[]; next_cursor: string | null }> {
  return withWorkspace(db, workspaceId, async (tx) => {
    const { target, ...rest } = f;
    const { rows, next_cursor } = await pageAuditRows(tx, { ...rest, subject_id: target, workspace: workspaceId }, cursor, limit);
    return { items: await toEntries(tx, workspaceId, rows), next_cursor };
  });
}

/** Every matching entry of the workspace, newest first, 500 per transaction, up to `max`. */
export function allWorkspaceAudit(db: Database, workspaceId: string, f: WorkspaceAuditFilter, max = 100_000): AsyncGenerator<WorkspaceAuditEntry> {
  return allAuditRows((cursor, limit) => listWorkspaceAudit(db, workspaceId, f, cursor, limit), max);
}
