/**
 * The platform context's entry point, imported by the app only: the admin back office (staff
 * screens over workspaces, plans, staff, audit and metrics), health, portals, the API docs and
 * Prometheus metrics. Platform sits on top: it may use every other context's entry point and
 * nothing depends on it. It owns no tables of its own (the audit log and the event log are the
 * kernel's).
 */
export { healthRoutes, portalRoutes } from "./routes";
export { adminRoutes } from "./admin/routes";
export { adminOAuthAppRoutes } from "./admin/oauth-apps";
export { metricsRoutes } from "./metrics";
export { docsRoutes } from "./docs";

/** Domain events platform appends (kernel/events.ts). */
export const PLATFORM_EVENTS = ["audit.exported"] as const;
