-- Row-level security: the second wall behind the tenant-scoped data layer (db/tenant.ts).
-- The app sets these transaction-local settings (set_config(..., true)):
--   app.workspace_id  the workspace of this transaction
--   app.user_id       the signed-in person (lets them read their own memberships across workspaces)
--   app.lookup_hash   a credential hash being resolved (API key, connect session)
--   app.scope         'platform' for platform-staff reads across workspaces
-- With nothing set a query sees no tenant rows.
CREATE OR REPLACE FUNCTION nh_workspace() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.workspace_id', true), '')::uuid
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION nh_user() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.user_id', true), '')::uuid
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION nh_lookup() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.lookup_hash', true), '')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION nh_platform() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('app.scope', true), '') = 'platform'
$$;
--> statement-breakpoint
ALTER TABLE branding ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE branding FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE membership_closure ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE membership_closure FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE end_users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE end_users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE connect_sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE connect_sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE connections ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE connections FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE consents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE consents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workflows ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workflows FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE leads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE leads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workspaces FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE domain_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE domain_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE event_consumptions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE event_consumptions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON branding USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
CREATE POLICY tenant_isolation ON memberships USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
CREATE POLICY tenant_isolation ON membership_closure USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
CREATE POLICY tenant_isolation ON api_keys USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
CREATE POLICY tenant_isolation ON end_users USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
CREATE POLICY tenant_isolation ON connect_sessions USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
CREATE POLICY tenant_isolation ON connections USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
CREATE POLICY tenant_isolation ON consents USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
CREATE POLICY tenant_isolation ON workflows USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
CREATE POLICY tenant_isolation ON leads USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
CREATE POLICY tenant_isolation ON notifications USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
CREATE POLICY workspace_self ON workspaces USING (id = nh_workspace() OR nh_platform()) WITH CHECK (id = nh_workspace() OR nh_platform());
--> statement-breakpoint
CREATE POLICY workspace_of_member ON workspaces FOR SELECT USING (id IN (SELECT m.workspace_id FROM memberships m WHERE m.user_id = nh_user()));
--> statement-breakpoint
CREATE POLICY own_memberships ON memberships FOR SELECT USING (user_id = nh_user());
--> statement-breakpoint
CREATE POLICY resolve_api_key ON api_keys FOR SELECT USING (key_hash = nh_lookup());
--> statement-breakpoint
CREATE POLICY resolve_connect_session ON connect_sessions FOR SELECT USING (token_hash = nh_lookup());
--> statement-breakpoint
CREATE POLICY tenant_isolation ON domain_events USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace() OR (workspace_id IS NULL AND nh_platform()));
--> statement-breakpoint
CREATE POLICY tenant_isolation ON event_consumptions USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace() OR (workspace_id IS NULL AND nh_platform()));
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_log USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace() OR (workspace_id IS NULL AND nh_platform()));
