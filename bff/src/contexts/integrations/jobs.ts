/** The integrations context's jobs: task name, job key and attempts of each, defined once (kernel/jobs.ts). */
import { jobKind } from "../../kernel/jobs";

/** An end user's erasure (gdpr.ts); idempotent per end user. */
export const ERASE_END_USER_JOB = jobKind<{ workspace_id: string; end_user_id: string }>("integrations.erase_end_user", {
  maxAttempts: 10,
  keyPrefix: "erase:",
  keyField: "end_user_id",
});
/** Refreshes one connection's token before it expires; one pending refresh per connection. */
export const REFRESH_CONNECTION_JOB = jobKind<{ workspace_id: string; connection_id: string }>("integrations.refresh_connection", {
  maxAttempts: 5,
  keyPrefix: "refresh:",
  keyField: "connection_id",
});
