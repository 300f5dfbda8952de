ALTER TABLE "branding" ADD COLUMN "custom_domain" text;--> statement-breakpoint
CREATE UNIQUE INDEX "branding_custom_domain_key" ON "branding" USING btree ("custom_domain");--> statement-breakpoint
-- A request's Host names no workspace: an anonymous request on a custom domain resolves its branding
-- through withLookup (app.lookup_hash = the lower-case host name), like the other credential look-ups.
CREATE POLICY resolve_custom_domain ON branding FOR SELECT USING (custom_domain = nh_lookup());
