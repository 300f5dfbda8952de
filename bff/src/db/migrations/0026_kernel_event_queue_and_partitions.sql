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
--> statement-breakpoint
-- Bounded history (decision 023). `domain_events` and `audit_log` become tables partitioned by
-- week (Monday 00:00 UTC to the next, partitions named <table>_pYYYYMMDD, plus a DEFAULT
-- partition for rows outside every week that exists). The retention task (kernel/retention.ts)
-- creates the next weeks ahead and drops whole weeks past the longest retention through these
-- two functions: they run as the owner of the tables (the app role may not create or drop
-- tables), each new partition with row-level security forced and no policy of its own (read
-- through the parent, whose policies apply; direct access sees nothing).
CREATE OR REPLACE FUNCTION nh_partition_week(parent text, week_of timestamptz) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  starts timestamptz := date_trunc('week', week_of AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  part text := parent || '_p' || to_char(starts AT TIME ZONE 'UTC', 'YYYYMMDD');
BEGIN
  IF parent NOT IN ('domain_events', 'audit_log') THEN
    RAISE EXCEPTION 'nh_partition_week: % is not a partitioned history table', parent;
  END IF;
  IF to_regclass(part) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, parent, starts, starts + interval '7 days');
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', part);
  RETURN true;
EXCEPTION WHEN check_violation THEN
  -- rows of that week already sit in the DEFAULT partition: they stay there (the batched prune
  -- removes them in time) and the week gets no partition of its own
  RETURN false;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION nh_drop_partitions_before(parent text, cutoff timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '500ms' AS $$
DECLARE
  r record;
  dropped integer := 0;
BEGIN
  IF parent NOT IN ('domain_events', 'audit_log') THEN
    RAISE EXCEPTION 'nh_drop_partitions_before: % is not a partitioned history table', parent;
  END IF;
  FOR r IN
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = parent::regclass AND c.relname ~ ('^' || parent || '_p[0-9]{8}$')
      AND (to_date(right(c.relname, 8), 'YYYYMMDD')::timestamp AT TIME ZONE 'UTC') + interval '7 days' <= cutoff
    ORDER BY c.relname
  LOOP
    EXECUTE format('DROP TABLE %I', r.name);
    dropped := dropped + 1;
  END LOOP;
  RETURN dropped;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION nh_partition_week(text, timestamptz) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION nh_drop_partitions_before(text, timestamptz) FROM PUBLIC;
--> statement-breakpoint
-- domain_events → partitioned by occurred_at (the primary key must contain it: (id, occurred_at);
-- no foreign key points at the table, and its seq sequence moves to the new table)
ALTER TABLE domain_events RENAME TO domain_events_unpartitioned;
--> statement-breakpoint
ALTER INDEX domain_events_pkey RENAME TO domain_events_unpartitioned_pkey;
--> statement-breakpoint
ALTER INDEX domain_events_ws_seq_idx RENAME TO domain_events_unpartitioned_ws_seq_idx;
--> statement-breakpoint
ALTER INDEX domain_events_type_idx RENAME TO domain_events_unpartitioned_type_idx;
--> statement-breakpoint
CREATE TABLE domain_events (LIKE domain_events_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS) PARTITION BY RANGE (occurred_at);
--> statement-breakpoint
ALTER SEQUENCE domain_events_seq_seq OWNED BY domain_events.seq;
--> statement-breakpoint
ALTER TABLE domain_events ADD CONSTRAINT domain_events_pkey PRIMARY KEY (id, occurred_at);
--> statement-breakpoint
CREATE INDEX domain_events_ws_seq_idx ON domain_events USING btree (workspace_id, seq);
--> statement-breakpoint
CREATE INDEX domain_events_type_idx ON domain_events USING btree (type, seq);
--> statement-breakpoint
CREATE TABLE domain_events_default PARTITION OF domain_events DEFAULT;
--> statement-breakpoint
SELECT nh_partition_week('domain_events', now() + make_interval(weeks => w)) FROM generate_series(-1, 4) AS w;
--> statement-breakpoint
INSERT INTO domain_events SELECT * FROM domain_events_unpartitioned;
--> statement-breakpoint
DROP TABLE domain_events_unpartitioned;
--> statement-breakpoint
ALTER TABLE domain_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE domain_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE domain_events_default ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON domain_events USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace() OR (workspace_id IS NULL AND nh_platform()));
--> statement-breakpoint
-- audit_log → partitioned by occurred_at, primary key (event_id, occurred_at) (an event's audit
-- row always has the event's occurred_at, so ON CONFLICT DO NOTHING still keeps one per event)
ALTER TABLE audit_log RENAME TO audit_log_unpartitioned;
--> statement-breakpoint
ALTER INDEX audit_log_pkey RENAME TO audit_log_unpartitioned_pkey;
--> statement-breakpoint
ALTER INDEX audit_ws_time_idx RENAME TO audit_log_unpartitioned_ws_time_idx;
--> statement-breakpoint
CREATE TABLE audit_log (LIKE audit_log_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS) PARTITION BY RANGE (occurred_at);
--> statement-breakpoint
ALTER TABLE audit_log ADD CONSTRAINT audit_log_pkey PRIMARY KEY (event_id, occurred_at);
--> statement-breakpoint
CREATE INDEX audit_ws_time_idx ON audit_log USING btree (workspace_id, occurred_at DESC NULLS LAST);
--> statement-breakpoint
CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;
--> statement-breakpoint
SELECT nh_partition_week('audit_log', now() + make_interval(weeks => w)) FROM generate_series(-1, 4) AS w;
--> statement-breakpoint
INSERT INTO audit_log SELECT * FROM audit_log_unpartitioned;
--> statement-breakpoint
DROP TABLE audit_log_unpartitioned;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log_default ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_log USING (workspace_id = nh_workspace() OR nh_platform()) WITH CHECK (workspace_id = nh_workspace() OR (workspace_id IS NULL AND nh_platform()));
--> statement-breakpoint
-- the batched prunes of the tables that stay unpartitioned find old rows by time: BRIN indexes
-- (a few pages each, next to free to keep up on append-mostly tables)
CREATE INDEX domain_events_occurred_brin ON domain_events USING brin (occurred_at);
--> statement-breakpoint
CREATE INDEX ingested_events_received_brin ON ingested_events USING brin (received_at);
--> statement-breakpoint
CREATE INDEX notifications_created_brin ON notifications USING brin (created_at);
--> statement-breakpoint
CREATE INDEX webhook_deliveries_created_brin ON webhook_deliveries USING brin (created_at);
--> statement-breakpoint
CREATE INDEX event_consumptions_consumed_brin ON event_consumptions USING brin (consumed_at);
--> statement-breakpoint
-- deleting a notification cascades to its deliveries: without this index each one scans them all
CREATE INDEX notification_deliveries_notification_idx ON notification_deliveries USING btree (notification_id);
