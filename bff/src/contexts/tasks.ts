/**
 * Loads every context (its entry point registers its tasks and domain-event consumers) and the
 * kernel's event dispatch and retention, for the job runner (jobs/runner.ts) and the test harness.
 */
import "../kernel/dispatch";
import "../kernel/retention";
import "./identity";
import "./tenancy";
import "./access";
import "./integrations";
import "./notifications";
import "./crm";
import "./workflows";
import "./platform";
