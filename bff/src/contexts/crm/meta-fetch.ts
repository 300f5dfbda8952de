/**
 * Reads one Meta lead from the Graph API (`GET /{leadgen_id}`, "Retrieving Leads" in the Lead Ads
 * docs: `{ id, created_time, ad_id, form_id, field_data: [{ name, values: [...] }] }`) and stores
 * it once for its CRM client: the leadgen id is the lead's `lead_reference_id`, so a retried job
 * or a repeated notification finds the stored lead and changes nothing. The Graph base URL is
 * `META_GRAPH_BASE_URL` (default https://graph.facebook.com/v21.0; tests point it at a local server).
 */
import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { withWorkspace } from "../../db/tenant";
import { leads } from "./schema";
import { metaCredentials } from "./meta-settings";
import { normaliseEmail, toE164 } from "./normalise";
import { createLead } from "./leads";

export interface FetchMetaLeadJob {
  workspace_id: string;
  client_id: string;
  leadgen_id: string;
  page_id: string;
  form_id: string | null;
}

interface GraphLead {
  id: string;
  created_time?: string;
  form_id?: string;
  field_data?: { name: string; values: string[] }[];
}

const graphBase = () => (process.env.META_GRAPH_BASE_URL ?? "https://graph.facebook.com/v21.0").replace(/\/$/, "");

/** Fetches and stores the lead; throws (so the job retries with backoff) on a Graph failure. */
export async function fetchMetaLead(db: Database, job: FetchMetaLeadJob): Promise<void> {
  const stored = await withWorkspace(db, job.workspace_id, (tx) =>
    tx
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.workspaceId, job.workspace_id), eq(leads.crmClientId, job.client_id), eq(leads.leadReferenceId, job.leadgen_id))),
  );
  if (stored.length) return;
  const { pageAccessToken } = await metaCredentials(db, job.workspace_id);
  if (!pageAccessToken) throw new Error("no Meta page access token for this workspace (and no META_PAGE_ACCESS_TOKEN)");
  const res = await fetch(`${graphBase()}/${encodeURIComponent(job.leadgen_id)}`, {
    headers: { authorization: `Bearer ${pageAccessToken}` },
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`Graph API answered ${res.status} for lead ${job.leadgen_id}`);
  const lead = (await res.json()) as GraphLead;
  const field = (...names: string[]) => lead.field_data?.find((f) => names.includes(f.name))?.values?.[0];
  const first = field("first_name");
  const name = field("full_name", "name") ?? ([first, field("last_name")].filter(Boolean).join(" ") || null);
  const email = normaliseEmail(field("email") ?? "");
  const phone = toE164(field("phone_number", "phone") ?? "");
  await withWorkspace(db, job.workspace_id, (tx) =>
    createLead(tx, job.workspace_id, {
      name,
      email: email === "invalid" ? null : email,
      phone: phone === "invalid" ? null : phone,
      source: "meta_lead_ads",
      leadReferenceId: job.leadgen_id,
      productId: null,
      crmClientId: job.client_id,
      rawPayload: { ...lead, page_id: job.page_id },
    }),
  );
}
