/**
 * The CRM context's entry point: the only module other contexts and the app import. CRM owns CRM
 * clients, industries, categories and products, client products, leads, stages, activities,
 * lead sources and the Meta lead-ads settings (tables in ./schema.ts, which no other context
 * imports). It depends on identity, tenancy and the kernel. Loading it registers its tasks.
 */
import "./tasks";
import "./sealed-columns";

export { crmRoutes } from "./routes";
export { metaWebhookRoutes } from "./meta-webhook";
export { seedDemoCrm } from "./demo";

/** Domain events CRM appends (kernel/events.ts), for consumers in the contexts above. */
export const CRM_EVENTS = [
  "crm_client.created",
  "crm_client.updated",
  "crm_client.product_set",
  "catalogue.industry_created",
  "catalogue.category_created",
  "catalogue.product_created",
  "lead.created",
  "lead.stage_changed",
  "lead.assigned",
  "lead.activity_added",
  "lead_source.created",
  "lead_source.revoked",
  "lead_stages.updated",
  "meta_settings.updated",
  "meta_page.claimed",
  "meta_form.mapped",
  "meta_form.unmapped",
  "external_id.claim_refused",
] as const;
