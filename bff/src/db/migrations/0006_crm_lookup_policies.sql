-- Credential lookups for the CRM's public entry points (db/tenant.ts withLookup sets app.lookup_hash):
-- a lead-source key by its SHA-256, the Meta verify token by its SHA-256 (the handshake names no
-- workspace), and a Meta page mapping by its page id (a webhook names the page, not the workspace).
-- A CORS preflight names only its Origin: crm_clients are looked up by a configured website origin.
-- These tables get their tenant policy here too: bootstrap only adds it to tables with no policy.
ALTER TABLE lead_sources ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lead_sources FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON lead_sources USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
ALTER TABLE meta_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE meta_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON meta_settings USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
ALTER TABLE meta_lead_forms ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE meta_lead_forms FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON meta_lead_forms USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
CREATE POLICY resolve_lead_source ON lead_sources FOR SELECT USING (key_hash = nh_lookup());
--> statement-breakpoint
CREATE POLICY resolve_meta_verify_token ON meta_settings FOR SELECT USING (verify_token_hash = nh_lookup());
--> statement-breakpoint
CREATE POLICY resolve_meta_page ON meta_lead_forms FOR SELECT USING (page_id = nh_lookup());

--> statement-breakpoint
ALTER TABLE crm_clients ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE crm_clients FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON crm_clients USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
CREATE POLICY resolve_client_origin ON crm_clients FOR SELECT USING (nh_lookup() = ANY (website_origins));
