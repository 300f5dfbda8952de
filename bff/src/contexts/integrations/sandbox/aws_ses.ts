/**
 * Amazon SES API v2 simulator: SendEmail, `POST /v2/email/outbound-emails` on
 * `email.{region}.amazonaws.com` (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html).
 * Requests are signed with Signature Version 4: the simulator checks the `Authorization` header's
 * shape (`AWS4-HMAC-SHA256 Credential=<key>/<yyyymmdd>/<region>/ses/aws4_request, SignedHeaders=…,
 * Signature=<64 hex>`), `X-Amz-Date`, and that the credential's region is the endpoint's — it
 * cannot check the signature itself, having no secret. Success: 200 `{MessageId}`. Errors follow
 * the REST-JSON protocol: the error name in the `x-amzn-ErrorType` header and `{message}` in the body
 * (https://docs.aws.amazon.com/ses/latest/APIReference-V2/CommonErrors.html); authentication
 * failures are 403 (`MissingAuthenticationTokenException`, `IncompleteSignatureException`,
 * `InvalidSignatureException`), validation failures 400 `BadRequestException`.
 */
import { randomUUID } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const sesError = (status: number, type: string, message: string): SandboxAnswer => ({
  status,
  body: { message },
  headers: { "x-amzn-errortype": type, "x-amzn-requestid": randomUUID() },
});

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const missing = (path: string) =>
  sesError(400, "BadRequestException", `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`);

/** The SigV4 shape check; undefined when the request is signed for `region`. */
function checkSignature(req: SandboxRequest, region: string): SandboxAnswer | undefined {
  const auth = req.headers.get("authorization");
  if (!auth) return sesError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m)
    return sesError(
      403,
      "IncompleteSignatureException",
      `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${auth.slice(0, 40)}`,
    );
  const [, , date, credRegion, service, signed] = m;
  const amzDate = req.headers.get("x-amz-date") ?? "";
  if (!/^\d{8}T\d{6}Z$/.test(amzDate))
    return sesError(403, "IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (!amzDate.startsWith(date!))
    return sesError(
      403,
      "InvalidSignatureException",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}'`,
    );
  if (credRegion !== region) return sesError(403, "InvalidSignatureException", `Credential should be scoped to a valid region, not '${credRegion}'.`);
  if (service !== "ses") return sesError(403, "InvalidSignatureException", `Credential should be scoped to correct service: 'ses'.`);
  if (!signed!.split(";").includes("host")) return sesError(403, "InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  return undefined;
}

function sendEmail(req: SandboxRequest): SandboxAnswer {
  const region = /^email\.([^.]+)\.amazonaws\.com$/.exec(req.url.hostname)?.[1] ?? "";
  const denied = checkSignature(req, region);
  if (denied) return denied;
  const b = isObject(req.body) ? req.body : null;
  if (!b) return sesError(400, "BadRequestException", "Request body is not valid JSON");
  if (!isObject(b.Content)) return missing("content");
  const c = b.Content;
  if (isObject(c.Simple)) {
    const s = c.Simple;
    if (!isObject(s.Subject) || typeof s.Subject.Data !== "string") return missing("content.simple.subject.data");
    if (!isObject(s.Body) || !(isObject(s.Body.Text) || isObject(s.Body.Html)))
      return sesError(400, "BadRequestException", "Message body must have a Text or an Html part");
    if (typeof b.FromEmailAddress !== "string" || !b.FromEmailAddress) return sesError(400, "BadRequestException", "Missing required header 'From'.");
    const d = isObject(b.Destination) ? b.Destination : {};
    const all = ["ToAddresses", "CcAddresses", "BccAddresses"].flatMap((k) => (Array.isArray(d[k]) ? (d[k] as unknown[]) : []));
    if (!all.length) return sesError(400, "BadRequestException", "Missing required header 'To'.");
    if (all.length > 50) return sesError(400, "BadRequestException", "Recipient count exceeds 50.");
    const from = String(b.FromEmailAddress).replace(/^.*<([^>]+)>\s*$/, "$1");
    const bad = [from, ...all.map(String)].find((a) => !EMAIL.test(a.replace(/^.*<([^>]+)>\s*$/, "$1")));
    if (bad !== undefined) return sesError(400, "BadRequestException", `Illegal address: ${bad}`);
  } else if (!isObject(c.Raw) && !isObject(c.Template)) {
    return sesError(400, "BadRequestException", "Content must contain exactly one of Simple, Raw or Template");
  }
  const messageId = `0100${Date.now().toString(16).padStart(12, "0")}-${randomUUID()}-000000`;
  return { status: 200, body: { MessageId: messageId }, headers: { "x-amzn-requestid": randomUUID() } };
}

const types: Record<number, [string, string]> = {
  400: ["BadRequestException", "The input you provided is invalid."],
  403: ["AccessDeniedException", "User is not authorized to perform: ses:SendEmail"],
  404: ["NotFoundException", "The resource you attempted to access doesn't exist."],
  409: ["ConcurrentModificationException", "The resource is being modified by another operation or thread."],
  429: ["TooManyRequestsException", "Maximum sending rate exceeded."],
  500: ["InternalFailure", "The request processing has failed because of an unknown error, exception or failure."],
  503: ["ServiceUnavailable", "The request has failed due to a temporary failure of the server."],
};

registerSimulator(
  "aws_ses",
  (req) =>
    matchRoute(req, { "POST /v2/email/outbound-emails": () => sendEmail(req) }, () =>
      sesError(404, "UnknownOperationException", "The action or operation requested is invalid. Verify that the action is typed correctly."),
    ),
  (status, message) => {
    const [type, text] = types[status] ?? [status >= 500 ? "InternalFailure" : "BadRequestException", message];
    return sesError(status, type, `${text} (${message})`);
  },
);
