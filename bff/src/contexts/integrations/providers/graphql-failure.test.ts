/** graphqlFailure: GraphQL answers carry failures in `errors[]` whatever the HTTP status; rate-limit codes are retried. */
import { describe, expect, it } from "vitest";
import { graphqlFailure } from "./http";

describe("graphqlFailure", () => {
  it("keeps a clean answer as success", () => {
    expect(graphqlFailure(200, { data: { issueCreate: { success: true } } })).toBeUndefined();
    expect(graphqlFailure(200, "plain")).toBeUndefined();
  });

  it("fails an answer with errors, retried only for rate limits or 429/5xx", () => {
    expect(graphqlFailure(200, { errors: [{ message: "bad", extensions: { code: "InvalidBoardIdException" } }] })).toEqual({ retryable: false });
    expect(graphqlFailure(400, { errors: [{ message: "slow down", extensions: { code: "RATELIMITED" } }] })).toEqual({ retryable: true });
    expect(graphqlFailure(200, { error_code: "ComplexityException", errors: [] })).toEqual({ retryable: true });
    expect(graphqlFailure(503, { errors: [{ message: "down" }] })).toEqual({ retryable: true });
  });
});
