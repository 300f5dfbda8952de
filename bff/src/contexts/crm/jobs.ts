/** The CRM context's jobs: task name, job key and attempts of each, defined once (kernel/jobs.ts). */
import { jobKind } from "../../kernel/jobs";
import type { FetchMetaLeadJob } from "./meta-fetch";

/** Fetches one Meta lead-ads lead from the Graph API; one job per (workspace, leadgen id). */
export const FETCH_META_LEAD_JOB = jobKind<FetchMetaLeadJob & Record<string, unknown>>("crm.fetch_meta_lead", {
  maxAttempts: 12,
  keyOf: (p) => `meta_lead:${p.workspace_id}:${p.leadgen_id}`,
});
