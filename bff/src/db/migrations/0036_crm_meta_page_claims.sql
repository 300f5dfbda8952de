-- Issue 18 part 1 (docs/decisions/034-external-identifier-claims.md): a Meta page is claimed by one
-- workspace. `meta_pages.page_id` is the primary key, so a second workspace's claim fails on it
-- (409 external-id-claimed); each form mapping belongs to its workspace's claimed page (foreign
-- key), and a (page, form) pair is mapped once. Before this, page ids were unique nowhere:
-- workspace B could map workspace A's page and form, and its form-specific mapping won.
CREATE TABLE "meta_pages" (
	"page_id" text PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"proven_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meta_pages" ADD CONSTRAINT "meta_pages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "meta_pages_ws_page_key" ON "meta_pages" USING btree ("workspace_id","page_id");
--> statement-breakpoint
-- the report of what this migration removed: mappings of a page another workspace claimed first
CREATE TABLE "meta_lead_forms_superseded" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"page_id" text NOT NULL,
	"form_id" text,
	"client_id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"kept_workspace_id" uuid NOT NULL,
	"superseded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meta_lead_forms_superseded" ADD CONSTRAINT "meta_lead_forms_superseded_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Existing data: the oldest mapping of each page decides which workspace keeps it; every other
-- workspace's mappings of that page, and repeated (page, form) pairs in the keeping workspace
-- (the oldest stays), move to meta_lead_forms_superseded. meta_lead_forms forces row-level
-- security, so the move runs in platform scope (transaction-local).
DO $$
DECLARE
  moved integer;
BEGIN
  PERFORM set_config('app.scope', 'platform', true);
  INSERT INTO "meta_pages" ("page_id", "workspace_id", "created_at")
    SELECT DISTINCT ON ("page_id") "page_id", "workspace_id", "created_at"
    FROM "meta_lead_forms" ORDER BY "page_id", "created_at", "id";
  WITH ranked AS (
    SELECT f."id", p."workspace_id" AS kept,
      f."workspace_id" <> p."workspace_id"
        OR row_number() OVER (PARTITION BY f."page_id", coalesce(f."form_id", '') ORDER BY f."workspace_id" <> p."workspace_id", f."created_at", f."id") > 1 AS loses
    FROM "meta_lead_forms" f JOIN "meta_pages" p ON p."page_id" = f."page_id"
  ), gone AS (
    DELETE FROM "meta_lead_forms" f USING ranked r WHERE f."id" = r."id" AND r.loses
    RETURNING f.*, r.kept
  )
  INSERT INTO "meta_lead_forms_superseded" ("id", "workspace_id", "page_id", "form_id", "client_id", "created_at", "kept_workspace_id")
    SELECT "id", "workspace_id", "page_id", "form_id", "client_id", "created_at", kept FROM gone;
  GET DIAGNOSTICS moved = ROW_COUNT;
  IF moved > 0 THEN
    RAISE NOTICE 'meta pages: % mapping(s) of pages another workspace claimed first moved to meta_lead_forms_superseded', moved;
  END IF;
  PERFORM set_config('app.scope', '', true);
END $$;
--> statement-breakpoint
CREATE UNIQUE INDEX "meta_lead_forms_page_form_key" ON "meta_lead_forms" USING btree ("page_id",coalesce("form_id", ''));
--> statement-breakpoint
ALTER TABLE "meta_lead_forms" ADD CONSTRAINT "meta_lead_forms_workspace_id_page_id_meta_pages_workspace_id_page_id_fk" FOREIGN KEY ("workspace_id","page_id") REFERENCES "public"."meta_pages"("workspace_id","page_id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "meta_pages" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "meta_pages" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "meta_pages" USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
-- the webhook (no workspace in its URL) resolves a page to its workspace by the page id
CREATE POLICY resolve_meta_page ON "meta_pages" FOR SELECT USING (page_id = nh_lookup());
--> statement-breakpoint
ALTER TABLE "meta_lead_forms_superseded" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "meta_lead_forms_superseded" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "meta_lead_forms_superseded" USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace() OR nh_platform());
