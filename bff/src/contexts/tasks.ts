/** Loads every context's tasks and domain-event consumers (one import line per context). */
import "./platform/tasks";
