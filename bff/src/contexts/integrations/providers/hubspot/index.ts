/** HubSpot CRM v3: create a contact (https://developers.hubspot.com/docs/api/crm/contacts). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";

defineProvider({
  key: "hubspot",
  name: "HubSpot",
  category: "crm",
  logo: { slug: "hubspot", color: "#FF7A59" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://app.hubspot.com/oauth/authorize",
    tokenUrl: "https://api.hubapi.com/oauth/v1/token",
    scopes: ["crm.objects.contacts.read", "crm.objects.contacts.write"],
    clientAuth: "post",
  },
  baseUrl: "https://api.hubapi.com",
  docsUrl: "https://developers.hubspot.com/docs/api/overview",
});

defineAction({
  provider: "hubspot",
  action: "create_contact",
  title: "Create a contact",
  example: { email: "ada@example.com", firstname: "Ada", lastname: "Lovelace", company: "Analytical Engines Ltd" },
  input: z.object({
    email: z.email(),
    firstname: z.string().optional(),
    lastname: z.string().optional(),
    phone: z.string().optional(),
    company: z.string().optional(),
  }),
  request: (i) => ({ method: "POST", path: "/crm/v3/objects/contacts", json: { properties: i } }),
});
