import { z } from "zod";

/**
 * RFC 9457 problem details, as every BFF error is sent (`application/problem+json`).
 * `errors` lists each field at fault for bad input: `pointer` is an RFC 6901 JSON pointer
 * into the request body (or `#/query/<name>`, `#/path/<name>`, `#/header/<name>`).
 * Other members are RFC 9457 §3.2 extensions (e.g. a quota's `limit`, `used` and `resets_at`).
 */
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });
export type Problem = z.infer<typeof problemSchema>;
