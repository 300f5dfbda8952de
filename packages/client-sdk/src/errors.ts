/** RFC 9457 problem details as the API answers them, turned into one typed error. */

/** One field at fault: a JSON pointer (`#/roles/0`) and what is wrong with it. */
export interface FieldProblem {
  pointer: string;
  detail: string;
}

/** A refused call: the HTTP status and the problem+json body (`errors` names the fields at fault). */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldProblem[];

  constructor(status: number, body: { type?: string; title?: string; detail?: string; errors?: FieldProblem[] } | null) {
    super(body?.detail ?? body?.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.type = body?.type ?? "about:blank";
    this.title = body?.title ?? `HTTP ${status}`;
    this.detail = body?.detail;
    this.errors = body?.errors ?? [];
  }
}
