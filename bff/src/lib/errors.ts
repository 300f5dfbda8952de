/**
 * Typed domain errors. Services throw these; `problemHandler` in app.ts turns each into an
 * RFC 9457 `application/problem+json` answer with the status below.
 */
export interface FieldError {
  /** RFC 6901 JSON pointer to the field at fault, e.g. `#/email` or `#/query/cursor` */
  pointer: string;
  detail: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
  }
}

export class ValidationFailed extends DomainError {
  constructor(errors: FieldError[], detail = "The request has invalid fields.") {
    super(400, "validation-failed", "Your request is not valid", detail, errors);
  }
}
export class BadRequest extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super(400, "bad-request", "Bad request", detail, errors);
  }
}
export class Unauthorized extends DomainError {
  constructor(detail = "Sign in or send valid credentials.") {
    super(401, "unauthorized", "Authentication required", detail, undefined, { "www-authenticate": 'Bearer realm="neighbourhood"' });
  }
}
export class Forbidden extends DomainError {
  constructor(detail = "You are not allowed to do this.") {
    super(403, "forbidden", "Forbidden", detail);
  }
}
export class NotFound extends DomainError {
  constructor(what = "resource") {
    super(404, "not-found", "Not found", `No such ${what}.`);
  }
}
export class Conflict extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super(409, "conflict", "Conflict", detail, errors);
  }
}
export class TooManyRequests extends DomainError {
  constructor(detail: string, retryAfterSeconds: number, headers: Record<string, string> = {}) {
    super(429, "too-many-requests", "Too many requests", detail, undefined, { "retry-after": String(retryAfterSeconds), ...headers });
  }
}
