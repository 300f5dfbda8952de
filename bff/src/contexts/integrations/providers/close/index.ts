/** Close API: create a lead with a contact (https://developer.close.com/resources/leads/#create-a-new-lead). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { basicAuth, defineAction, fields } from "../http";

defineProvider({
  key: "close",
  name: "Close",
  category: "crm",
  logo: { slug: null, color: "#1463FF" },
  auth: { kind: "basic", fields: ["api_key"] },
  baseUrl: "https://api.close.com/api/v1",
  docsUrl: "https://developer.close.com/",
});

defineAction({
  provider: "close",
  action: "create_lead",
  title: "Create a lead",
  example: { name: "Analytical Engines Ltd", contact_name: "Ada Lovelace", contact_email: "ada@example.com" },
  input: z.object({ name: z.string().min(1), contact_name: z.string().optional(), contact_email: z.email().optional() }),
  request: (i) => ({
    method: "POST",
    path: "/lead/",
    json: {
      name: i.name,
      contacts:
        i.contact_name || i.contact_email ? [{ name: i.contact_name, emails: i.contact_email ? [{ email: i.contact_email, type: "office" }] : [] }] : [],
    },
  }),
  authorize: (c, r) => r.headers.set("authorization", basicAuth(fields(c).api_key!, "")),
});
