/** Airtable Web API: create records (https://airtable.com/developers/web/api/create-records). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";
import { seg } from "../common";

defineProvider({
  key: "airtable",
  name: "Airtable",
  category: "data",
  logo: { slug: "airtable", color: "#18BFFF" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://airtable.com/oauth2/v1/authorize",
    tokenUrl: "https://airtable.com/oauth2/v1/token",
    scopes: ["data.records:write"],
  },
  baseUrl: "https://api.airtable.com/v0",
  docsUrl: "https://airtable.com/developers/web/api/introduction",
});

defineAction({
  provider: "airtable",
  action: "create_record",
  title: "Create a record",
  example: { base_id: "appSandbox1234567", table: "Leads", fields: { Name: "Ada Lovelace", Email: "ada@example.com" } },
  input: z.object({ base_id: z.string().regex(/^app[A-Za-z0-9]+$/), table: z.string().min(1), fields: z.record(z.string(), z.unknown()) }),
  request: (i) => ({ method: "POST", path: `/${seg(i.base_id)}/${seg(i.table)}`, json: { records: [{ fields: i.fields }], typecast: true } }),
});
