/** Freshdesk API v2: create a ticket, basic auth with the API key (https://developers.freshdesk.com/api/#create_ticket). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { basicAuth, defineAction, fields } from "../http";

defineProvider({
  key: "freshdesk",
  name: "Freshdesk",
  category: "support",
  logo: { slug: null, color: "#25C16F" },
  auth: { kind: "basic", fields: ["api_key"] },
  configFields: ["domain"],
  baseUrl: "https://{domain}.freshdesk.com/api/v2",
  docsUrl: "https://developers.freshdesk.com/api/",
});

defineAction({
  provider: "freshdesk",
  action: "create_ticket",
  title: "Create a ticket",
  example: { subject: "Cannot sign in", description: "The sign-in page answers an error", email: "ada@example.com" },
  input: z.object({
    subject: z.string().min(1),
    description: z.string().min(1),
    email: z.email(),
    priority: z.number().int().min(1).max(4).default(1),
    status: z.number().int().min(2).max(5).default(2),
  }),
  request: (i) => ({ method: "POST", path: "/tickets", json: i }),
  authorize: (c, r) => r.headers.set("authorization", basicAuth(fields(c).api_key!, "X")),
});
