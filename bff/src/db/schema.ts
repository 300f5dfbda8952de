/** Every context's tables, gathered for drizzle-kit and the typed client. */
export * from "../contexts/tenancy/schema";
export * from "../contexts/identity/schema";
export * from "../contexts/integrations/schema";
export * from "../contexts/workflows/schema";
export * from "../contexts/crm/schema";
export * from "../contexts/notifications/schema";
export * from "../kernel/schema";
export * from "../contexts/access/schema";
