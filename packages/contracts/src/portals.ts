import { z } from "zod";

export const portalNames = ["admin", "developer", "client", "employee", "project"] as const;
export const portalNameSchema = z.enum(portalNames);
export type PortalName = z.infer<typeof portalNameSchema>;

/** One portal the caller may open: the shell registers `manifest_url` at runtime and mounts it at `route`. */
export const portalSchema = z.object({
  name: portalNameSchema,
  display_name: z.string(),
  route: z.string(),
  manifest_url: z.string(),
});
export type Portal = z.infer<typeof portalSchema>;
export const portalsResponseSchema = z.object({ portals: z.array(portalSchema) });
