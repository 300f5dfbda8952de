/** Platform contracts: the health check. */
import { z } from "zod";

/** `GET /api/health` when the database answers `select 1` within 2 s (otherwise a 503 problem). */
export const healthSchema = z.object({ status: z.literal("ok"), database: z.literal("ok") });
export type Health = z.infer<typeof healthSchema>;

/** `GET /api/openapi.json`: an OpenAPI 3.1 document (its inner objects are free-form here; see the OpenAPI 3.1 spec). */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.record(z.string(), z.unknown()).optional(),
});
