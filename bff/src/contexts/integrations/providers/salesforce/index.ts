/** Salesforce REST API: create a Lead sObject on the org's instance (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_sobject_create.htm). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";

defineProvider({
  key: "salesforce", name: "Salesforce", category: "crm", logo: { slug: null, color: "#00A1E0" },
  auth: { kind: "oauth2", authorizationUrl: "https://login.salesforce.com/services/oauth2/authorize", tokenUrl: "https://login.salesforce.com/services/oauth2/token", revocationUrl: "https://login.salesforce.com/services/oauth2/revoke", scopes: ["api", "refresh_token"], clientAuth: "post" },
  // instance_url comes with the token response
  baseUrl: "{instance_url}/services/data/v60.0", docsUrl: "https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/",
});

defineAction({
  provider: "salesforce", action: "create_lead", title: "Create a lead",
  input: z.object({ last_name: z.string().min(1).max(80), company: z.string().min(1).max(255), first_name: z.string().max(40).optional(), email: z.email().optional(), phone: z.string().optional() }),
  request: (i) => ({ method: "POST", path: "/sobjects/Lead", json: { LastName: i.last_name, Company: i.company, FirstName: i.first_name, Email: i.email, Phone: i.phone } }),
});
