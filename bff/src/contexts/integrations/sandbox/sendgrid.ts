/**
 * SendGrid v3 simulator: Mail Send, `POST /v3/mail/send`
 * (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send). Success: 202 with an
 * empty body and the `X-Message-Id` header. Errors are `{errors: [{message, field, help}]}`
 * (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/errors): 400 for a request that
 * breaks the schema (each broken field one entry), 401 for no or a wrong key, 413, 429 and 5xx
 * in the same shape.
 */
import { randomBytes } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

interface SgError {
  message: string;
  field: string | null;
  help: string | null;
}
const HELP = "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html";
const sgError = (status: number, errors: SgError[]) => ({ status, body: { errors } });
const fieldError = (field: string, message: string, anchor: string): SgError => ({ message, field, help: `${HELP}#${anchor}` });
const isEmail = (v: unknown) => typeof v === "string" && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v);

function mailSend(req: SandboxRequest) {
  const auth = req.headers.get("authorization") ?? "";
  if (!auth) return sgError(401, [{ message: "authorization required", field: null, help: null }]);
  if (!/^Bearer\s+\S+/.test(auth))
    return sgError(401, [{ message: "The provided authorization grant is invalid, expired, or revoked", field: null, help: null }]);
  const b = req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : null;
  if (!b) return sgError(400, [fieldError("", "Bad Request", "message.body")]);
  const errors: SgError[] = [];
  const personalizations = Array.isArray(b.personalizations) ? (b.personalizations as Record<string, unknown>[]) : [];
  if (!personalizations.length)
    errors.push(
      fieldError("personalizations", "The personalizations field is required and must have at least one personalization.", "message.personalizations"),
    );
  personalizations.forEach((p, i) => {
    const to = Array.isArray(p?.to) ? (p.to as { email?: unknown }[]) : [];
    if (!to.length)
      errors.push(
        fieldError(
          `personalizations.${i}.to`,
          "The to array is required for all personalization objects, and must have at least one email object with a valid email address.",
          "message.personalizations.to",
        ),
      );
    to.forEach((t, j) => {
      if (!isEmail(t?.email))
        errors.push(fieldError(`personalizations.${i}.to.${j}.email`, "Does not contain a valid address.", "message.personalizations.to"));
    });
  });
  const from = (b.from ?? null) as { email?: unknown } | null;
  if (!from?.email)
    errors.push(
      fieldError(
        "from",
        "The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.",
        "message.from",
      ),
    );
  else if (!isEmail(from.email)) errors.push(fieldError("from.email", "The from email does not contain a valid address.", "message.from"));
  const templated = typeof b.template_id === "string" && b.template_id;
  if (!templated && !b.subject && !personalizations.every((p) => p?.subject))
    errors.push(
      fieldError(
        "subject",
        "The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.",
        "message.subject",
      ),
    );
  const content = Array.isArray(b.content) ? (b.content as { type?: unknown; value?: unknown }[]) : [];
  if (!templated && !content.length)
    errors.push(
      fieldError(
        "content",
        "Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.",
        "message.content",
      ),
    );
  content.forEach((c, i) => {
    if (typeof c?.value !== "string" || !c.value)
      errors.push(fieldError(`content.${i}.value`, "The content value must be a string at least one character in length.", "message.content.value"));
    if (typeof c?.type !== "string" || !c.type)
      errors.push(fieldError(`content.${i}.type`, "The content type must be a string at least one character in length.", "message.content.type"));
  });
  if (errors.length) return sgError(400, errors);
  return { status: 202, body: "", headers: { "x-message-id": randomBytes(16).toString("base64url").slice(0, 22) } };
}

registerSimulator(
  "sendgrid",
  (req) => matchRoute(req, { "POST /v3/mail/send": () => mailSend(req) }, () => sgError(404, [{ message: "Not Found", field: null, help: null }])),
  (status, message) =>
    sgError(status, [
      {
        message:
          status === 401
            ? "The provided authorization grant is invalid, expired, or revoked"
            : status === 403
              ? "access forbidden"
              : status === 429
                ? "too many requests"
                : message,
        field: null,
        help: null,
      },
    ]),
);
