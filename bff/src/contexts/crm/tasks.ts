/** CRM tasks: fetch a Meta lead-ads lead from the Graph API and store it once. */
import { registerTask } from "../../kernel/tasks";
import { fetchMetaLead, type FetchMetaLeadJob } from "./meta-fetch";
import { FETCH_META_LEAD_JOB } from "./jobs";

registerTask(FETCH_META_LEAD_JOB.task, (db) => async (payload) => {
  await fetchMetaLead(db, payload as FetchMetaLeadJob);
});
