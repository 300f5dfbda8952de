/** Notion API: create a page in a database (https://developers.notion.com/reference/post-page). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";

defineProvider({
  key: "notion",
  name: "Notion",
  category: "project_management",
  logo: { slug: "notion", color: "#000000" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://api.notion.com/v1/oauth/authorize",
    tokenUrl: "https://api.notion.com/v1/oauth/token",
    scopes: [],
    authParams: { owner: "user" },
  },
  baseUrl: "https://api.notion.com/v1",
  docsUrl: "https://developers.notion.com/reference",
});

defineAction({
  provider: "notion",
  action: "create_page",
  title: "Create a page in a database",
  example: { database_id: "d9824bdc84454327be8b5b47500af6ce", title: "Ada Lovelace", content: "Met at the conference" },
  input: z.object({
    database_id: z.string().min(32),
    title: z.string().min(1).max(2000),
    title_property: z.string().default("Name"),
    content: z.string().optional(),
  }),
  request: (i) => ({
    method: "POST",
    path: "/pages",
    headers: { "notion-version": "2022-06-28" },
    json: {
      parent: { database_id: i.database_id },
      properties: { [i.title_property]: { title: [{ text: { content: i.title } }] } },
      ...(i.content ? { children: [{ object: "block", type: "paragraph", paragraph: { rich_text: [{ type: "text", text: { content: i.content } }] } }] } : {}),
    },
  }),
});
