-- The step runs' lease index served decision 007's maintenance, which handed a running step over
-- once its lease ran out; since decision 022 the execution's heartbeated claim decides and nothing
-- reads step runs by lease_until. It still cost every execution: an index entry for each `running`
-- row, and — as its predicate names `status` — it kept the update that stores a step's outcome
-- (running → succeeded) from being a HOT update, so that update wrote new entries into every index
-- of the table (decision 037, session 8).
DROP INDEX IF EXISTS "workflow_step_runs_lease_idx";
