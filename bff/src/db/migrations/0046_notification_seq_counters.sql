-- A workspace's notification `seq` (the SSE event id) comes from a per-workspace counter row
-- instead of a global sequence read once per row (decision 036, session 9). The evaluator takes
-- a batch's whole range with one update of the counter (no nextval per row) and so knows the
-- workspace's previous last seq without reading the notifications: the probe it replaces,
-- `max(seq) where workspace_id = $1 and seq < $2`, was planned as a bitmap scan of every earlier
-- row of the workspace while the table had no statistics (a fresh instance: 16 -> 43 us of
-- PostgreSQL CPU per inserted row as the table grew to 300,000 rows, flat 16-18 us once analysed).
-- The counter row's lock is held to COMMIT, so seq order = commit order per workspace for every
-- writer. Rows inserted without a seq (seeds, quota notices written directly, tests) get the next
-- one from the same counter through a trigger. Seqs are per workspace from now on (continuing
-- from each workspace's highest); nothing compares seqs across workspaces.
CREATE TABLE "notification_seqs" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "notification_seqs" ("workspace_id", "last_seq")
SELECT "workspace_id", max("seq") FROM "notifications" GROUP BY "workspace_id";
--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "seq" DROP DEFAULT;
--> statement-breakpoint
DROP SEQUENCE IF EXISTS "notifications_seq_seq";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION nh_notification_next_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notification_seqs AS c (workspace_id, last_seq) VALUES (NEW.workspace_id, 1)
    ON CONFLICT (workspace_id) DO UPDATE SET last_seq = c.last_seq + 1
    RETURNING c.last_seq INTO NEW.seq;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "notifications_next_seq" BEFORE INSERT ON "notifications"
  FOR EACH ROW WHEN (NEW.seq IS NULL) EXECUTE FUNCTION nh_notification_next_seq();
