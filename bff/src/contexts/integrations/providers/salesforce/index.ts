/** Salesforce REST API: create a Lead sObject on the org's instance (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_sobject_create.htm). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, type ProviderRequest } from "../http";

defineProvider({
  key: "salesforce",
  name: "Salesforce",
  category: "crm",
  logo: { slug: null, color: "#00A1E0" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://login.salesforce.com/services/oauth2/authorize",
    tokenUrl: "https://login.salesforce.com/services/oauth2/token",
    revocationUrl: "https://login.salesforce.com/services/oauth2/revoke",
    scopes: ["api", "refresh_token"],
    clientAuth: "post",
  },
  // instance_url comes with the token response
  baseUrl: "{instance_url}/services/data/v60.0",
  docsUrl: "https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/",
});

/**
 * The Company a lead gets when the step names none (seed 001's "Welcome New Customer" sends only
 * names and e-mail). A Lead's `Company` is required unless the org has person accounts
 * (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_lead.htm),
 * and Salesforce's own Web-to-Lead fills a missing Company with "[not provided]" (Knowledge
 * Article 000171026, https://help.salesforce.com/apex/HTViewSolution?id=000171026): the same
 * placeholder, so such leads look like every other lead without a company in the org. Guessing
 * from the e-mail domain would name "gmail.com" a company.
 */
export const COMPANY_NOT_PROVIDED = "[not provided]";

const createLeadInput = z.object({
  last_name: z.string().min(1).max(80),
  company: z.string().min(1).max(255).optional(),
  first_name: z.string().max(40).optional(),
  email: z.email().optional(),
  phone: z.string().optional(),
});

/** The request of `salesforce.create_lead`: `POST /sobjects/Lead` with the Lead's field names. */
export function createLeadRequest(i: z.infer<typeof createLeadInput>): ProviderRequest {
  return {
    method: "POST",
    path: "/sobjects/Lead",
    json: { LastName: i.last_name, Company: i.company ?? COMPANY_NOT_PROVIDED, FirstName: i.first_name, Email: i.email, Phone: i.phone },
  };
}

defineAction({
  provider: "salesforce",
  action: "create_lead",
  title: "Create a lead",
  example: { last_name: "Lovelace", first_name: "Ada", company: "Analytical Engines Ltd", email: "ada@example.com" },
  input: createLeadInput,
  request: createLeadRequest,
});
