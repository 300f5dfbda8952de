-- issue #14 part 5: a sample trigger payload pinned per workflow (the editor's completions and its test runs without a payload)
ALTER TABLE "workflows" ADD COLUMN "sample_payload" jsonb;--> statement-breakpoint
ALTER TABLE "workflows" ADD COLUMN "sample_payload_pinned_at" timestamp with time zone;
