/** Loads every context's tasks and domain-event consumers (one import line per context). */
import "../kernel/dispatch";
import "./workflows/tasks";
import "./platform/admin/tasks";
import "./crm/tasks";
import "./notifications/tasks";
import "./integrations/tasks";
