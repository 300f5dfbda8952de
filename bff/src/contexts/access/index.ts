/**
 * The access context's entry point: the only module other contexts and the app import. Access
 * owns the role → permission grants of a workspace (`role_permissions`, ./schema.ts) and the
 * registry of permission-checked routes. It depends on identity and the kernel.
 */
export { accessRoutes, checkPermission, registerPermissions } from "./routes";

/** Domain events access appends (kernel/events.ts). */
export const ACCESS_EVENTS = ["permission.changed", "auth.authorization_failed"] as const;
