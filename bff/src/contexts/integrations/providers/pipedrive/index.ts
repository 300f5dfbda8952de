/** Pipedrive API v1: add a person (https://developers.pipedrive.com/docs/api/v1/Persons#addPerson). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";

defineProvider({
  key: "pipedrive",
  name: "Pipedrive",
  category: "crm",
  logo: { slug: null, color: "#017737" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://oauth.pipedrive.com/oauth/authorize",
    tokenUrl: "https://oauth.pipedrive.com/oauth/token",
    revocationUrl: "https://oauth.pipedrive.com/oauth/revoke",
    scopes: ["contacts:full"],
  },
  baseUrl: "https://api.pipedrive.com/v1",
  docsUrl: "https://developers.pipedrive.com/docs/api/v1",
});

defineAction({
  provider: "pipedrive",
  action: "create_person",
  title: "Add a person",
  example: { name: "Ada Lovelace", email: "ada@example.com", phone: "+442071234567" },
  input: z.object({ name: z.string().min(1), email: z.email().optional(), phone: z.string().optional() }),
  request: (i) => ({
    method: "POST",
    path: "/persons",
    json: {
      name: i.name,
      ...(i.email ? { email: [{ value: i.email, primary: true }] } : {}),
      ...(i.phone ? { phone: [{ value: i.phone, primary: true }] } : {}),
    },
  }),
});
