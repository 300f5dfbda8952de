-- Decision 023: domain events are dispatched in batches from an outbox queue instead of one
-- graphile-worker job per event. `appendDomainEvent` inserts the event and its queue row in one
-- statement; dispatchers claim batches with FOR UPDATE SKIP LOCKED and delete the rows in the
-- transaction that runs the consumers. A row whose dispatch failed stays with its attempts and
-- the time of its next try (`run_after`); after 10 attempts it stays for inspection (run_after
-- = infinity).
CREATE TABLE "domain_event_queue" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"workspace_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "domain_event_queue_event_key" ON "domain_event_queue" USING btree ("event_id");
--> statement-breakpoint
ALTER TABLE domain_event_queue ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE domain_event_queue FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON domain_event_queue USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace() OR (workspace_id IS NULL AND nh_platform()));
--> statement-breakpoint
-- dispatch jobs still pending in graphile-worker's queue (an existing database) become queue rows;
-- on a new database graphile-worker's schema is installed after these migrations
DO $$
BEGIN
  IF to_regclass('graphile_worker._private_jobs') IS NOT NULL THEN
    -- a job tried before may have left some consumers applied: its attempts send it down the
    -- per-consumer path (event_consumptions claims), not the batch path
    INSERT INTO domain_event_queue (seq, event_id, workspace_id, occurred_at, attempts)
    SELECT e.seq, e.id, e.workspace_id, e.occurred_at, j.attempts
    FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id AND t.identifier = 'domain_event.dispatch'
    JOIN domain_events e ON e.id = (j.payload->>'event_id')::uuid
    WHERE j.locked_at IS NULL
    ON CONFLICT DO NOTHING;
    DELETE FROM graphile_worker._private_jobs j USING graphile_worker._private_tasks t
    WHERE t.id = j.task_id AND t.identifier = 'domain_event.dispatch' AND j.locked_at IS NULL;
  END IF;
END $$;
