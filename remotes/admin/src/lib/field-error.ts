import { describeError } from "@nhood/web-kit";

/** `fieldError(error)("owner_email")`: the BFF's message for that field of a 400/409 problem, if any. */
export const fieldError =
  (error: unknown) =>
  (field: string): string | undefined =>
    error ? describeError(error).fields.find((f) => f.field === field)?.detail : undefined;
