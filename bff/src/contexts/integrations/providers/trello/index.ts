/** Trello REST API: create a card, authorised with the API key and token (https://developer.atlassian.com/cloud/trello/rest/api-group-cards/#api-cards-post). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, fields } from "../http";

defineProvider({
  key: "trello",
  name: "Trello",
  category: "project_management",
  logo: { slug: "trello", color: "#0052CC" },
  auth: { kind: "api_key", fields: ["api_key", "token"] },
  baseUrl: "https://api.trello.com/1",
  docsUrl: "https://developer.atlassian.com/cloud/trello/rest/",
});

defineAction({
  provider: "trello",
  action: "create_card",
  title: "Create a card",
  example: { list_id: "5abbe4b7ddc1b351ef961414", name: "Call Ada back", desc: "About the renewal" },
  input: z.object({
    list_id: z.string().regex(/^[0-9a-f]{24}$/),
    name: z.string().min(1).max(16384),
    desc: z.string().optional(),
    due: z.iso.datetime().optional(),
  }),
  request: (i) => ({ method: "POST", path: "/cards", json: { idList: i.list_id, name: i.name, desc: i.desc, due: i.due } }),
  authorize: (c, r) => {
    const f = fields(c);
    r.headers.set("authorization", `OAuth oauth_consumer_key="${f.api_key}", oauth_token="${f.token}"`);
  },
});
