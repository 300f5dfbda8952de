/** Intercom REST API 2.11: create a contact (https://developers.intercom.com/docs/references/rest-api/api.intercom.io/contacts/createcontact). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";

defineProvider({
  key: "intercom",
  name: "Intercom",
  category: "support",
  logo: { slug: "intercom", color: "#6AFDEF" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://app.intercom.com/oauth",
    tokenUrl: "https://api.intercom.io/auth/eagle/token",
    scopes: [],
    clientAuth: "post",
  },
  baseUrl: "https://api.intercom.io",
  docsUrl: "https://developers.intercom.com/docs/references/rest-api/",
});

defineAction({
  provider: "intercom",
  action: "create_contact",
  title: "Create a contact",
  example: { email: "ada@example.com", name: "Ada Lovelace", role: "user", external_id: "user-42" },
  input: z.object({ email: z.email(), name: z.string().optional(), role: z.enum(["user", "lead"]).default("user"), external_id: z.string().optional() }),
  request: (i) => ({ method: "POST", path: "/contacts", headers: { "intercom-version": "2.11" }, json: i }),
});
