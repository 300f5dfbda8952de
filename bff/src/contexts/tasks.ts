/**
 * Loads every context (its entry point registers its tasks and domain-event consumers) and the
 * kernel's event dispatch, for the job runner (jobs/runner.ts) and the test harness.
 */
import "../kernel/dispatch";
import "./identity";
import "./tenancy";
import "./access";
import "./integrations";
import "./notifications";
import "./crm";
import "./workflows";
import "./platform";
