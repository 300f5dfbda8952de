/**
 * Zendesk Support API simulator: create a ticket, `POST /api/v2/tickets`
 * (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#create-ticket).
 * Success: 201 `{ticket: {...}}`. Validation errors: 422 `{error: "RecordInvalid", description,
 * details: {<field>: [{description, error}]}}`; authentication: 401 `{error: "Couldn't authenticate you"}`
 * (https://developer.zendesk.com/api-reference/introduction/requests/#response-format).
 */
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const invalid = (details: Record<string, { description: string; error: string }[]>) => ({
  status: 422,
  body: { error: "RecordInvalid", description: "Record validation errors", details },
});

let seq = 0;

function createTicket(req: SandboxRequest) {
  if (!/^Basic\s+\S+/.test(req.headers.get("authorization") ?? "") && !/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? "")) {
    return { status: 401, body: { error: "Couldn't authenticate you" } };
  }
  const t = ((req.body as { ticket?: Record<string, unknown> } | null)?.ticket ?? null) as Record<string, unknown> | null;
  if (!t) return { status: 400, body: { error: "InvalidEndpoint", description: "The request body needs a ticket object" } };
  const comment = (t.comment ?? {}) as { body?: unknown; html_body?: unknown };
  const details: Record<string, { description: string; error: string }[]> = {};
  if (!comment.body && !comment.html_body) details.base = [{ description: "Description: cannot be blank", error: "BlankValue" }];
  if (t.priority !== undefined && t.priority !== null && !["low", "normal", "high", "urgent"].includes(String(t.priority))) {
    details.priority = [{ description: `Priority: is not valid (${t.priority})`, error: "InvalidValue" }];
  }
  if (Object.keys(details).length) return invalid(details);
  const id = 35_000 + ++seq;
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const subdomain = req.url.hostname.split(".")[0];
  const description = String(comment.body ?? comment.html_body ?? "");
  return {
    status: 201,
    body: {
      ticket: {
        id,
        url: `https://${subdomain}.zendesk.com/api/v2/tickets/${id}.json`,
        subject: t.subject ?? description.slice(0, 80),
        raw_subject: t.subject ?? null,
        description,
        status: "new",
        priority: t.priority ?? null,
        type: t.type ?? null,
        requester_id: 9_000_000 + seq,
        submitter_id: 9_000_000 + seq,
        tags: Array.isArray(t.tags) ? t.tags : [],
        created_at: now,
        updated_at: now,
      },
    },
  };
}

registerSimulator(
  "zendesk",
  (req) =>
    matchRoute(req, { "POST /api/v2/tickets": () => createTicket(req), "POST /api/v2/tickets.json": () => createTicket(req) }, () => ({
      status: 404,
      body: { error: "InvalidEndpoint", description: "Not found" },
    })),
  (status, message) =>
    status === 422
      ? invalid({ base: [{ description: message, error: "InvalidValue" }] })
      : status === 401
        ? { status, body: { error: "Couldn't authenticate you" } }
        : status === 429
          ? { status, body: { error: "TooManyRequests", description: "You have exceeded the rate limit. Retry after the Retry-After seconds." } }
          : { status, body: { error: status >= 500 ? "ServerError" : "InvalidRequest", description: message } },
);
