-- Issue 14: what the provider sandbox received, in full. `host` is the provider host the call
-- addressed (with `path`, the whole URL), `request_headers` the headers the action sent (its
-- authorisation included: a sandbox call never carries a stored secret, see sandbox/calls.ts) and
-- `answer_headers` the simulator's own answer headers (Retry-After, x-amzn-ErrorType …). The
-- header columns are recorded for tests and support only: the API's list of sandbox requests does
-- not serve them. Rows recorded before this migration keep NULL in all three.
ALTER TABLE "sandbox_requests" ADD COLUMN "host" text;
--> statement-breakpoint
ALTER TABLE "sandbox_requests" ADD COLUMN "request_headers" jsonb;
--> statement-breakpoint
ALTER TABLE "sandbox_requests" ADD COLUMN "answer_headers" jsonb;
