/** ClickUp API v2: create a task (https://developer.clickup.com/reference/createtask). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";
import { seg } from "../common";

defineProvider({
  key: "clickup",
  name: "ClickUp",
  category: "project_management",
  logo: { slug: "clickup", color: "#7B68EE" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://app.clickup.com/api",
    tokenUrl: "https://api.clickup.com/api/v2/oauth/token",
    scopes: [],
    clientAuth: "post",
  },
  baseUrl: "https://api.clickup.com/api/v2",
  docsUrl: "https://developer.clickup.com/reference",
});

defineAction({
  provider: "clickup",
  action: "create_task",
  title: "Create a task",
  example: { list_id: "901234567", name: "Call Ada back", description: "About the renewal", priority: 2 },
  input: z.object({
    list_id: z.string().min(1),
    name: z.string().min(1),
    description: z.string().optional(),
    priority: z.number().int().min(1).max(4).optional(),
  }),
  request: (i) => ({ method: "POST", path: `/list/${seg(i.list_id)}/task`, json: { name: i.name, description: i.description, priority: i.priority } }),
});
