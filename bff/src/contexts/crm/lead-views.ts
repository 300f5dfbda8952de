/**
 * Read models of leads: the filtered, keyset-paginated list (newest or oldest first), the CSV
 * export of the same filter, and the detail with its timeline.
 */
import { and, asc, count, desc, eq, gt, ilike, isNotNull, lt, notInArray, or, type SQL } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { decodeCursor } from "../../lib/cursor";
import { pageOf, PAGE_SIZE } from "../../lib/keyset";
import type { WorkspaceAccess } from "../identity";
import { memberNames } from "../identity";
import { leadActivities, leads } from "./schema";
import { loadVisibleLead, productOf, visibleLeads } from "./leads";
import { listStages } from "./stages";
import type { LeadDetail, LeadListItem, LeadListQuery } from "@nhood/contracts";

type Filter = Omit<LeadListQuery, "cursor">;

function keysetAfter(cursor: string | undefined, oldest: boolean): SQL | undefined {
  const c = decodeCursor(cursor);
  if (!c) return undefined;
  const cmp = oldest ? gt : lt;
  return or(cmp(leads.createdAt, c.at), and(eq(leads.createdAt, c.at), cmp(leads.id, c.id)));
}

async function selectLeads(tx: Tx, a: WorkspaceAccess, f: Filter, cursor: string | undefined, limit: number) {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const oldest = f.sort === "oldest";
  const rows = await tx
    .select()
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, a.workspaceId),
        await visibleLeads(tx, a),
        keysetAfter(cursor, oldest),
        f.stage ? eq(leads.stage, f.stage) : undefined,
        f.client_id ? eq(leads.crmClientId, f.client_id) : undefined,
        f.owner ? eq(leads.ownerMembershipId, f.owner) : undefined,
        like ? or(ilike(leads.name, like), ilike(leads.email, like), ilike(leads.phone, like)) : undefined,
      ),
    )
    .orderBy(...(oldest ? [asc(leads.createdAt), asc(leads.id)] : [desc(leads.createdAt), desc(leads.id)]))
    .limit(limit);
  return withOwners(tx, a.workspaceId, rows);
}

type LeadRow = typeof leads.$inferSelect;

/** Each lead with its owner's user id and name (identity owns members; one lookup per page). */
async function withOwners(tx: Tx, workspaceId: string, rows: LeadRow[]): Promise<{ lead: LeadRow; ownerUserId: string | null; ownerName: string | null }[]> {
  const owners = await memberNames(
    tx,
    workspaceId,
    rows.flatMap((r) => (r.ownerMembershipId ? [r.ownerMembershipId] : [])),
  );
  return rows.map((lead) => {
    const o = lead.ownerMembershipId ? owners.get(lead.ownerMembershipId) : undefined;
    return { lead, ownerUserId: o?.userId ?? null, ownerName: o?.name ?? null };
  });
}

type Row = Awaited<ReturnType<typeof selectLeads>>[number];

const toItem = (r: Row): LeadListItem => ({
  id: r.lead.id,
  name: r.lead.name,
  email: r.lead.email,
  phone: r.lead.phone,
  source: r.lead.source,
  stage: r.lead.stage,
  owner: r.ownerUserId ? { user_id: r.ownerUserId, name: r.ownerName! } : null,
  created_at: r.lead.createdAt.toISOString(),
  crm_client_id: r.lead.crmClientId,
  owner_membership_id: r.lead.ownerMembershipId,
});

/** One page of the leads `a` may see, filtered by stage, CRM client, owner and a search text. */
export async function listLeads(tx: Tx, a: WorkspaceAccess, q: LeadListQuery): Promise<{ items: LeadListItem[]; next_cursor: string | null }> {
  const rows = await selectLeads(tx, a, q, q.cursor, PAGE_SIZE + 1);
  return pageOf(
    rows.map((r) => ({ ...r, id: r.lead.id })),
    PAGE_SIZE,
    (r) => r.lead.createdAt,
    toItem,
  );
}

const csvCell = (v: string | null | undefined): string => {
  const s = v ?? "";
  // a leading = + - @ would run as a formula in a spreadsheet (OWASP CSV injection)
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** RFC 4180 CSV of every lead matching the filter (at most 10 000 rows). */
export async function exportLeadsCsv(tx: Tx, a: WorkspaceAccess, f: Filter): Promise<string> {
  const rows = await selectLeads(tx, a, f, undefined, 10_000);
  const header = ["id", "name", "email", "phone", "source", "stage", "crm_client_id", "owner", "created_at"];
  const lines = rows
    .map(toItem)
    .map((l) => [l.id, l.name, l.email, l.phone, l.source, l.stage, l.crm_client_id, l.owner?.name, l.created_at].map(csvCell).join(","));
  return `${[header.join(","), ...lines].join("\r\n")}\r\n`;
}

/** A visible lead with its product, raw payload and timeline (newest first). */
export async function leadDetail(tx: Tx, a: WorkspaceAccess, leadId: string): Promise<LeadDetail> {
  await loadVisibleLead(tx, a, leadId);
  const [row] = await selectLeadById(tx, a.workspaceId, leadId);
  const activities = await tx
    .select()
    .from(leadActivities)
    .where(eq(leadActivities.leadId, leadId))
    .orderBy(desc(leadActivities.createdAt), desc(leadActivities.id))
    .limit(200);
  const actors = await memberNames(
    tx,
    a.workspaceId,
    activities.flatMap((x) => (x.actorMembershipId ? [x.actorMembershipId] : [])),
  );
  const acts = activities.map((act) => {
    const actor = act.actorMembershipId ? actors.get(act.actorMembershipId) : undefined;
    return { act, actorId: actor ? act.actorMembershipId : null, actorName: actor?.name ?? null };
  });
  return {
    ...toItem(row!),
    lead_reference_id: row!.lead.leadReferenceId,
    product: await productOf(tx, row!.lead.productId),
    raw_payload: row!.lead.rawPayload as Record<string, unknown>,
    activities: acts.map((x) => ({
      id: x.act.id,
      kind: x.act.kind,
      body: x.act.body,
      data: x.act.data as Record<string, unknown>,
      actor: x.actorId ? { membership_id: x.actorId, name: x.actorName ?? "" } : null,
      created_at: x.act.createdAt.toISOString(),
    })),
  };
}

async function selectLeadById(tx: Tx, workspaceId: string, leadId: string) {
  return withOwners(tx, workspaceId, await tx.select().from(leads).where(eq(leads.id, leadId)));
}

/** Open (not won/lost) leads per owner among the leads `a` may see: the "my team" counts. */
export async function openLeadsByOwner(tx: Tx, a: WorkspaceAccess): Promise<{ membership_id: string; open: number }[]> {
  const closed = (await listStages(tx, a.workspaceId)).filter((s) => s.closed).map((s) => s.key);
  const rows = await tx
    .select({ owner: leads.ownerMembershipId, n: count() })
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, a.workspaceId),
        await visibleLeads(tx, a),
        isNotNull(leads.ownerMembershipId),
        closed.length ? notInArray(leads.stage, closed) : undefined,
      ),
    )
    .groupBy(leads.ownerMembershipId);
  return rows.map((r) => ({ membership_id: r.owner!, open: r.n }));
}
