-- Issue 18 part 1 (docs/decisions/034-external-identifier-claims.md): a custom domain is proven
-- before it is served. Setting one mints a verification token; the domain is pending (claimed,
-- not served) until a DNS TXT record `_nhood-verify.<domain>` = `nhood-verify=<token>` or the
-- HTTP answer of `http://<domain>/.well-known/nhood-domain-verification` shows the token
-- (tenancy/domain-proof.ts). The claim itself stays the `branding_custom_domain_key` unique index.
ALTER TABLE "branding" ADD COLUMN "custom_domain_token" text;
--> statement-breakpoint
ALTER TABLE "branding" ADD COLUMN "custom_domain_claimed_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "branding" ADD COLUMN "custom_domain_verified_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "branding" ADD COLUMN "custom_domain_verified_by" text;
--> statement-breakpoint
-- Existing custom domains were live (served) before proof existed: they are grandfathered as
-- verified, marked `grandfathered` so staff can tell them apart and ask for a proof; each gets a
-- token so its workspace can prove it on the branding screen. The migration prints how many.
DO $$
DECLARE
  kept integer;
BEGIN
  PERFORM set_config('app.scope', 'platform', true);
  UPDATE "branding" SET
    "custom_domain_token" = replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''),
    "custom_domain_claimed_at" = "updated_at",
    "custom_domain_verified_at" = now(),
    "custom_domain_verified_by" = 'grandfathered'
  WHERE "custom_domain" IS NOT NULL;
  GET DIAGNOSTICS kept = ROW_COUNT;
  IF kept > 0 THEN
    RAISE NOTICE 'custom domains: % existing domain(s) grandfathered as verified (custom_domain_verified_by = grandfathered)', kept;
  END IF;
  PERFORM set_config('app.scope', '', true);
END $$;
--> statement-breakpoint
ALTER TABLE "branding" ADD CONSTRAINT "branding_custom_domain_claim_check" CHECK (
  "custom_domain" IS NULL OR ("custom_domain_token" IS NOT NULL AND "custom_domain_claimed_at" IS NOT NULL));
--> statement-breakpoint
ALTER TABLE "branding" ADD CONSTRAINT "branding_custom_domain_verified_by_check" CHECK (
  "custom_domain_verified_by" IS NULL OR "custom_domain_verified_by" IN ('dns', 'http', 'grandfathered'));
--> statement-breakpoint
-- an anonymous request on a host reads the branding only of a proven domain
DROP POLICY resolve_custom_domain ON branding;
--> statement-breakpoint
CREATE POLICY resolve_custom_domain ON branding FOR SELECT USING (custom_domain = nh_lookup() AND custom_domain_verified_at IS NOT NULL);
--> statement-breakpoint
-- A pending claim that is never proven must not block the real owner forever: after 7 days
-- pending, another workspace's claim of the same domain releases it (its row and token are
-- cleared). The claiming workspace's transaction cannot see or change another workspace's
-- branding row, so this one narrow step runs as the table owner; the rule (pending, older than
-- 7 days) lives here, not in a parameter. Answers the released workspace, or null.
CREATE OR REPLACE FUNCTION nh_release_stale_custom_domain(p_domain text) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  holder uuid;
  prev_ws text := current_setting('app.workspace_id', true);
  prev_scope text := current_setting('app.scope', true);
BEGIN
  PERFORM set_config('app.scope', 'platform', true);
  SELECT "workspace_id" INTO holder FROM "branding"
    WHERE "custom_domain" = p_domain AND "custom_domain_verified_at" IS NULL
      AND "custom_domain_claimed_at" < now() - interval '7 days'
    FOR UPDATE;
  IF holder IS NOT NULL THEN
    PERFORM set_config('app.workspace_id', holder::text, true);
    UPDATE "branding" SET "custom_domain" = NULL, "custom_domain_token" = NULL, "custom_domain_claimed_at" = NULL,
      "custom_domain_verified_at" = NULL, "custom_domain_verified_by" = NULL, "updated_at" = now()
    WHERE "workspace_id" = holder;
  END IF;
  PERFORM set_config('app.workspace_id', coalesce(prev_ws, ''), true);
  PERFORM set_config('app.scope', coalesce(prev_scope, ''), true);
  RETURN holder;
END $$;
