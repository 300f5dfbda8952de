/**
 * Request validation with the zod schemas from @nhood/contracts. A failure becomes a 400
 * problem whose `errors` name each field at fault as a JSON pointer (`#/email`, `#/query/q`).
 * Unknown body fields are stripped, so mass assignment (`workspace_id`, `role`…) has no effect.
 */
import { zValidator } from "@hono/zod-validator";
import type { ZodType } from "zod";
import { ValidationFailed } from "./errors";

type Target = "json" | "query" | "param";

function pointer(target: Target, path: PropertyKey[]): string {
  const parts = path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1"));
  const prefix = target === "json" ? "#" : `#/${target === "param" ? "path" : "query"}`;
  return parts.length ? `${prefix}/${parts.join("/")}` : prefix;
}

/** The schema behind each validator middleware, read by lib/openapi.ts to document the route. */
export const validatorSchemas = new WeakMap<object, { target: Target; schema: ZodType }>();

export function validate<T extends ZodType, K extends Target>(target: K, schema: T) {
  const middleware = zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new ValidationFailed(result.error.issues.map((i) => ({ pointer: pointer(target, i.path), detail: i.message })));
    }
  });
  validatorSchemas.set(middleware, { target, schema });
  return middleware;
}
