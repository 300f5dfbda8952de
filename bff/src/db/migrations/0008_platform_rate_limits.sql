CREATE TABLE "plans" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"events_per_month" integer,
	"notifications_per_month" integer,
	"users" integer,
	"rules" integer,
	"sounds" integer,
	"requests_per_hour" integer,
	"webhooks" boolean DEFAULT true NOT NULL,
	"custom_domain" boolean DEFAULT false NOT NULL,
	"price_cents" integer
);
--> statement-breakpoint
CREATE TABLE "usage_alerts" (
	"workspace_id" uuid NOT NULL,
	"period" text NOT NULL,
	"metric" text NOT NULL,
	"threshold" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_alerts_workspace_id_period_metric_threshold_pk" PRIMARY KEY("workspace_id","period","metric","threshold")
);
--> statement-breakpoint
CREATE TABLE "usage_counters" (
	"workspace_id" uuid NOT NULL,
	"period_type" text NOT NULL,
	"period" text NOT NULL,
	"metric" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_counters_workspace_id_period_type_period_metric_pk" PRIMARY KEY("workspace_id","period_type","period","metric")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" varchar(255) PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
--> statement-breakpoint
ALTER TABLE "usage_alerts" ADD CONSTRAINT "usage_alerts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_counters" ADD CONSTRAINT "usage_counters_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;