/** CRM tasks: fetch a Meta lead-ads lead from the Graph API and store it once. */
import { registerTask } from "../../jobs/registry";
import { fetchMetaLead, type FetchMetaLeadJob } from "./meta-fetch";

registerTask("crm.fetch_meta_lead", (db) => async (payload) => {
  await fetchMetaLead(db, payload as FetchMetaLeadJob);
});
