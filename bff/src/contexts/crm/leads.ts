/**
 * Lead use cases: create (ingestion, Meta, by hand), visibility through the reporting hierarchy,
 * stage changes, assignment within the caller's subtree and timeline activities. Every change
 * appends its domain event in the same transaction (`lead.created`, `lead.stage_changed`,
 * `lead.assigned`, `lead.activity_added`).
 *
 * Visibility (closure table, any depth): owners, admins and API keys see every lead; a sales
 * manager sees the leads owned in their subtree plus the unassigned pool; a sales rep sees the
 * leads they own. A lead the caller cannot see is NotFound (its existence is not revealed).
 */
import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { Forbidden, NotFound, ValidationFailed } from "../../lib/errors";
import { appendDomainEvent } from "../../kernel/events";
import { subtreeIds } from "../identity";
import { memberNames } from "../identity";
import type { WorkspaceAccess } from "../identity";
import { leadActivities, leads, products, clientProducts } from "./schema";
import { assertStage, listStages } from "./stages";
import type { NormalisedLead } from "./normalise";

type LeadRow = typeof leads.$inferSelect;

/** The SQL condition limiting `leads` to what `a` may see (undefined: everything). */
export async function visibleLeads(tx: Tx, a: WorkspaceAccess): Promise<SQL | undefined> {
  if (a.role === null || a.role === "owner" || a.role === "admin") return undefined;
  const ids = await subtreeIds(tx, a.membershipId!);
  const owned = inArray(leads.ownerMembershipId, ids);
  return a.role === "sales_manager" ? or(owned, isNull(leads.ownerMembershipId)) : owned;
}

/** The lead if `a` may see it; NotFound otherwise. */
export async function loadVisibleLead(tx: Tx, a: WorkspaceAccess, leadId: string): Promise<LeadRow> {
  const [row] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.id, leadId), eq(leads.workspaceId, a.workspaceId), await visibleLeads(tx, a)))
    .limit(1);
  if (!row) throw new NotFound("lead");
  return row;
}

export interface NewLead extends NormalisedLead {
  crmClientId: string | null;
  ownerMembershipId?: string | null;
}

/**
 * Stores a lead in the first stage. With a `leadReferenceId`, a lead already stored for the same
 * CRM client is answered unchanged (`created: false`) — also under concurrent retries (unique index).
 */
export async function createLead(tx: Tx, workspaceId: string, input: NewLead): Promise<{ lead: LeadRow; created: boolean }> {
  if (input.productId && input.crmClientId) {
    const [offered] = await tx
      .select()
      .from(clientProducts)
      .where(
        and(
          eq(clientProducts.workspaceId, workspaceId),
          eq(clientProducts.clientId, input.crmClientId),
          eq(clientProducts.productId, input.productId),
          eq(clientProducts.enabled, true),
        ),
      );
    if (!offered) throw new ValidationFailed([{ pointer: "#/product_id", detail: "not an enabled product of this CRM client" }]);
  }
  const [first] = await listStages(tx, workspaceId);
  const [row] = await tx
    .insert(leads)
    .values({
      workspaceId,
      name: input.name,
      email: input.email,
      phone: input.phone,
      source: input.source ?? "api",
      stage: first!.key,
      crmClientId: input.crmClientId,
      productId: input.productId,
      leadReferenceId: input.leadReferenceId,
      ownerMembershipId: input.ownerMembershipId ?? null,
      rawPayload: input.rawPayload,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    const [existing] = await tx
      .select()
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), eq(leads.crmClientId, input.crmClientId!), eq(leads.leadReferenceId, input.leadReferenceId!)));
    return { lead: existing!, created: false };
  }
  await tx.insert(leadActivities).values({ workspaceId, leadId: row.id, kind: "created", body: null, data: { source: row.source } });
  await appendDomainEvent(tx, {
    workspaceId,
    type: "lead.created",
    subjectId: row.id,
    payload: {
      lead_id: row.id,
      crm_client_id: row.crmClientId,
      source: row.source,
      stage: row.stage,
      name: row.name,
      email: row.email,
      phone: row.phone,
      product_id: row.productId,
      lead_reference_id: row.leadReferenceId,
    },
  });
  return { lead: row, created: true };
}

/** Moves a visible lead to `stage` (a no-op when it is already there). */
export async function changeStage(tx: Tx, a: WorkspaceAccess, leadId: string, stage: string): Promise<LeadRow> {
  const lead = await loadVisibleLead(tx, a, leadId);
  await assertStage(tx, a.workspaceId, stage);
  if (lead.stage === stage) return lead;
  const [row] = await tx.update(leads).set({ stage, updatedAt: new Date() }).where(eq(leads.id, leadId)).returning();
  await tx
    .insert(leadActivities)
    .values({ workspaceId: a.workspaceId, leadId, kind: "stage_change", data: { from: lead.stage, to: stage }, actorMembershipId: a.membershipId });
  await appendDomainEvent(tx, {
    workspaceId: a.workspaceId,
    type: "lead.stage_changed",
    subjectId: leadId,
    payload: { lead_id: leadId, from: lead.stage, to: stage, crm_client_id: lead.crmClientId },
  });
  return row!;
}

/** Assigns a visible lead to `ownerId`, who must be in the caller's subtree (admins: any sales member). */
export async function assignLead(tx: Tx, a: WorkspaceAccess, leadId: string, ownerId: string): Promise<LeadRow> {
  const lead = await loadVisibleLead(tx, a, leadId);
  if (!(await memberNames(tx, a.workspaceId, [ownerId])).has(ownerId))
    throw new ValidationFailed([{ pointer: "#/owner_membership_id", detail: "not a member of this workspace" }]);
  if (a.membershipId && a.role !== "owner" && a.role !== "admin" && !(await subtreeIds(tx, a.membershipId)).includes(ownerId)) {
    throw new Forbidden("You can assign leads only to yourself or to people in your team.");
  }
  if (lead.ownerMembershipId === ownerId) return lead;
  const [row] = await tx.update(leads).set({ ownerMembershipId: ownerId, updatedAt: new Date() }).where(eq(leads.id, leadId)).returning();
  await tx
    .insert(leadActivities)
    .values({ workspaceId: a.workspaceId, leadId, kind: "assignment", data: { from: lead.ownerMembershipId, to: ownerId }, actorMembershipId: a.membershipId });
  await appendDomainEvent(tx, {
    workspaceId: a.workspaceId,
    type: "lead.assigned",
    subjectId: leadId,
    payload: { lead_id: leadId, from: lead.ownerMembershipId, to: ownerId },
  });
  return row!;
}

/** Adds a note, call, email or message to a visible lead's timeline. */
export async function addActivity(tx: Tx, a: WorkspaceAccess, leadId: string, kind: "note" | "call" | "email" | "message", body: string): Promise<string> {
  await loadVisibleLead(tx, a, leadId);
  const [row] = await tx
    .insert(leadActivities)
    .values({ workspaceId: a.workspaceId, leadId, kind, body, actorMembershipId: a.membershipId })
    .returning({ id: leadActivities.id });
  await tx.update(leads).set({ updatedAt: sql`now()` }).where(eq(leads.id, leadId));
  await appendDomainEvent(tx, {
    workspaceId: a.workspaceId,
    type: "lead.activity_added",
    subjectId: leadId,
    payload: { lead_id: leadId, activity_id: row!.id, kind },
  });
  return row!.id;
}

/** Product name for a lead's detail (null when none or deleted). */
export async function productOf(tx: Tx, productId: string | null): Promise<{ id: string; name: string } | null> {
  if (!productId) return null;
  const [p] = await tx.select({ id: products.id, name: products.name }).from(products).where(eq(products.id, productId));
  return p ?? null;
}
