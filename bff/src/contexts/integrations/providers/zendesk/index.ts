/** Zendesk Support API: create a ticket, API-token auth `{email}/token:{api_token}` (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#create-ticket). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { basicAuth, defineAction, fields, type ProviderRequest } from "../http";

defineProvider({
  key: "zendesk",
  name: "Zendesk",
  category: "support",
  logo: { slug: "zendesk", color: "#03363D" },
  auth: { kind: "basic", fields: ["email", "api_token"] },
  configFields: ["subdomain"],
  baseUrl: "https://{subdomain}.zendesk.com/api/v2",
  docsUrl: "https://developer.zendesk.com/api-reference/",
});

/**
 * `create_ticket`'s input. Seed 001 writes `description` for the ticket's text: an alias of
 * `body`. Zendesk's own `description` is read-only (the ticket's first comment); a new ticket's
 * text is sent as `comment.body` (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#json-format).
 */
const createTicketInput = z
  .object({
    subject: z.string().min(1),
    body: z.string().min(1).optional(),
    description: z.string().min(1).optional(),
    requester_email: z.email().optional(),
    requester_name: z.string().optional(),
    priority: z.enum(["low", "normal", "high", "urgent"]).optional(),
  })
  .refine((i) => i.body ?? i.description, { message: "body (or description) is required", path: ["body"] });

/** The request of `zendesk.create_ticket`: `POST /tickets` with `{ticket: {subject, comment: {body}, priority, requester}}`. */
export function createTicketRequest(i: z.infer<typeof createTicketInput>): ProviderRequest {
  return {
    method: "POST",
    path: "/tickets",
    json: {
      ticket: {
        subject: i.subject,
        comment: { body: i.body ?? i.description! },
        priority: i.priority,
        ...(i.requester_email ? { requester: { email: i.requester_email, name: i.requester_name ?? i.requester_email } } : {}),
      },
    },
  };
}

defineAction({
  provider: "zendesk",
  action: "create_ticket",
  title: "Create a ticket",
  example: { subject: "Cannot sign in", body: "The sign-in page answers an error", requester_email: "ada@example.com", requester_name: "Ada Lovelace" },
  input: createTicketInput,
  request: createTicketRequest,
  idempotencyHeader: "Idempotency-Key",
  authorize: (c, r) => {
    const f = fields(c);
    r.headers.set("authorization", basicAuth(`${f.email}/token`, f.api_token!));
  },
});
