-- Issue 14 leftovers: an ingested event remembers whether it was sent with a test key
-- (`nhood_sk_test_…`, decision 020), so the workflows it starts run as test executions (sandbox)
-- and those a live key's event starts run live (unless the workspace is in test mode).
-- Events stored before this column, and events of source `platform`, are live.
ALTER TABLE "ingested_events" ADD COLUMN "test" boolean DEFAULT false NOT NULL;
