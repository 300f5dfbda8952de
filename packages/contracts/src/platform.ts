/** Platform contracts: the health check. */
import { z } from "zod";

/** `GET /api/health` when the database answers `select 1` within 2 s (otherwise a 503 problem). */
export const healthSchema = z.object({ status: z.literal("ok"), database: z.literal("ok") });
export type Health = z.infer<typeof healthSchema>;
