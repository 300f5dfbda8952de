-- Issue 16 part 2 (docs/decisions/032-stripe-billing.md): billing through Stripe, owned by the
-- tenancy context. Off without STRIPE_SECRET_KEY: then these tables stay empty.
-- plans.overage: usage past the monthly quota is billed as metered overage instead of refused
-- (only while the workspace has a live Stripe subscription).
ALTER TABLE "plans" ADD COLUMN IF NOT EXISTS "overage" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
UPDATE "plans" SET "overage" = true WHERE "id" IN ('starter', 'professional');
--> statement-breakpoint
-- One Stripe customer (and at most one subscription) per workspace; the subscription's state as
-- last applied, with the Stripe event time it came from (`state_at`) so an older event never
-- overwrites a newer one.
CREATE TABLE "billing_accounts" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"stripe_customer_id" text NOT NULL,
	"stripe_subscription_id" text,
	"subscription_status" text,
	"plan" text,
	"amount_cents" integer DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'usd' NOT NULL,
	"current_period_end" timestamp with time zone,
	"state_at" timestamp with time zone,
	"canceled_at" timestamp with time zone,
	"payment_failed_at" timestamp with time zone,
	"grace_until" timestamp with time zone,
	"suspended_for_payment" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_accounts_customer_key" UNIQUE("stripe_customer_id")
);
--> statement-breakpoint
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Every Stripe event applied, by its id: a redelivery is recognised and ignored.
CREATE TABLE "billing_events" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"type" text NOT NULL,
	"created" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "billing_events" ADD CONSTRAINT "billing_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Invoices as the webhooks reported them (paid or failed), for the grace period and revenue.
CREATE TABLE "billing_invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"status" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"created" timestamp with time zone NOT NULL,
	"failed_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	CONSTRAINT "billing_invoices_status_check" CHECK ("billing_invoices"."status" IN ('failed', 'paid'))
);
--> statement-breakpoint
ALTER TABLE "billing_invoices" ADD CONSTRAINT "billing_invoices_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "billing_invoices_workspace_idx" ON "billing_invoices" USING btree ("workspace_id","status");
--> statement-breakpoint
-- Overage reported to Stripe (meter events), one row per workspace, month and metric.
CREATE TABLE "billing_overage_reports" (
	"workspace_id" uuid NOT NULL,
	"period" text NOT NULL,
	"metric" text NOT NULL,
	"quantity" bigint NOT NULL,
	"identifier" text NOT NULL,
	"reported_at" timestamp with time zone,
	CONSTRAINT "billing_overage_reports_pkey" PRIMARY KEY("workspace_id","period","metric")
);
--> statement-breakpoint
ALTER TABLE "billing_overage_reports" ADD CONSTRAINT "billing_overage_reports_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "billing_accounts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "billing_accounts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "billing_accounts" USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
ALTER TABLE "billing_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "billing_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "billing_events" USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
ALTER TABLE "billing_invoices" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "billing_invoices" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "billing_invoices" USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
--> statement-breakpoint
ALTER TABLE "billing_overage_reports" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "billing_overage_reports" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "billing_overage_reports" USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace());
