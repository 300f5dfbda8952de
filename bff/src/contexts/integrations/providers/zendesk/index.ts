/** Zendesk Support API: create a ticket, API-token auth `{email}/token:{api_token}` (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#create-ticket). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { basicAuth, defineAction, fields } from "../http";

defineProvider({
  key: "zendesk", name: "Zendesk", category: "support", logo: { slug: "zendesk", color: "#03363D" },
  auth: { kind: "basic", fields: ["email", "api_token"] }, configFields: ["subdomain"],
  baseUrl: "https://{subdomain}.zendesk.com/api/v2", docsUrl: "https://developer.zendesk.com/api-reference/",
});

defineAction({
  provider: "zendesk", action: "create_ticket", title: "Create a ticket",
  input: z.object({ subject: z.string().min(1), body: z.string().min(1), requester_email: z.email().optional(), requester_name: z.string().optional(), priority: z.enum(["low", "normal", "high", "urgent"]).optional() }),
  request: (i) => ({
    method: "POST", path: "/tickets",
    json: { ticket: { subject: i.subject, comment: { body: i.body }, priority: i.priority, ...(i.requester_email ? { requester: { email: i.requester_email, name: i.requester_name ?? i.requester_email } } : {}) } },
  }),
  idempotencyHeader: "Idempotency-Key",
  authorize: (c, r) => { const f = fields(c); r.headers.set("authorization", basicAuth(`${f.email}/token`, f.api_token!)); },
});
