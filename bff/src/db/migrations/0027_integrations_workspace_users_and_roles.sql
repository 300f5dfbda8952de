-- Issue 15 parts 1, 2 and 5 (users helper, docs/decisions/024-workspace-users-and-roles.md):
-- seed 003's users of a workspace are the end users integrations owns, grown to the seed's entity.
-- 1. An end user's phone, user roles (keys of user_roles), status, metadata and update time.
ALTER TABLE "end_users" ADD COLUMN "phone" text;
--> statement-breakpoint
ALTER TABLE "end_users" ADD COLUMN "roles" text[] DEFAULT '{}'::text[] NOT NULL;
--> statement-breakpoint
ALTER TABLE "end_users" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;
--> statement-breakpoint
ALTER TABLE "end_users" ADD CONSTRAINT "end_users_status_check" CHECK ("end_users"."status" IN ('pending', 'active', 'disabled', 'unverified'));
--> statement-breakpoint
ALTER TABLE "end_users" ADD COLUMN "metadata" jsonb DEFAULT '{}'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "end_users" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;
--> statement-breakpoint
-- a rule's fan-out: the workspace's users holding any of its user roles
CREATE INDEX "end_users_roles_idx" ON "end_users" USING gin ("roles");
--> statement-breakpoint
-- 2. The workspace-defined user roles (seed 003 §5.7). `key` is what users and rules name; immutable.
CREATE TABLE "user_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "user_roles_ws_key" ON "user_roles" USING btree ("workspace_id","key");
--> statement-breakpoint
-- 3. Mobile push tokens of an end user (FCM registration tokens, APNs device tokens), one row each.
CREATE TABLE "push_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"end_user_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "push_tokens_platform_check" CHECK ("push_tokens"."platform" IN ('fcm', 'apns'))
);
--> statement-breakpoint
ALTER TABLE "push_tokens" ADD CONSTRAINT "push_tokens_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "push_tokens" ADD CONSTRAINT "push_tokens_end_user_id_end_users_id_fk" FOREIGN KEY ("end_user_id") REFERENCES "public"."end_users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "push_tokens_ws_platform_token_key" ON "push_tokens" USING btree ("workspace_id","platform","token");
--> statement-breakpoint
CREATE INDEX "push_tokens_end_user_idx" ON "push_tokens" USING btree ("workspace_id","end_user_id");
--> statement-breakpoint
-- 4. Rules reach users (notifications): by user role, and the users the event names (payload.userId / userIds).
ALTER TABLE "rules" ADD COLUMN "target_user_roles" text[] DEFAULT '{}'::text[] NOT NULL;
--> statement-breakpoint
ALTER TABLE "rules" ADD COLUMN "target_event_users" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- 5. A notification's recipient is a member (user_id) or an end user (end_user_id).
ALTER TABLE "notifications" ADD COLUMN "end_user_id" uuid;
--> statement-breakpoint
CREATE INDEX "notifications_ws_end_user_seq_idx" ON "notifications" USING btree ("workspace_id","end_user_id","seq") WHERE "end_user_id" IS NOT NULL;
--> statement-breakpoint
-- 6. An end user's notification preferences: muted event types and channels.
CREATE TABLE "notification_preferences" (
	"workspace_id" uuid NOT NULL,
	"end_user_id" uuid NOT NULL,
	"muted_event_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"muted_channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_pkey" PRIMARY KEY("workspace_id","end_user_id")
);
--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
