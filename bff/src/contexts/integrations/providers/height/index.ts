/** Height API: create a task (https://height.notion.site/API-documentation). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, fields } from "../http";

defineProvider({
  key: "height",
  name: "Height",
  category: "project_management",
  logo: { slug: null, color: "#00B0FF" },
  auth: { kind: "api_key", fields: ["api_key"] },
  baseUrl: "https://api.height.app",
  docsUrl: "https://height.notion.site/API-documentation",
});

defineAction({
  provider: "height",
  action: "create_task",
  title: "Create a task",
  example: { name: "Call Ada back", list_ids: ["0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"], description: "About the renewal" },
  input: z.object({ name: z.string().min(1), list_ids: z.array(z.string().min(1)).min(1), description: z.string().optional() }),
  request: (i) => ({ method: "POST", path: "/tasks", json: { name: i.name, listIds: i.list_ids, description: i.description } }),
  authorize: (c, r) => r.headers.set("authorization", `api-key ${fields(c).api_key}`),
});
