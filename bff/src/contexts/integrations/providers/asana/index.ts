/** Asana API: create a task (https://developers.asana.com/reference/createtask). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";

defineProvider({
  key: "asana",
  name: "Asana",
  category: "project_management",
  logo: { slug: "asana", color: "#F06A6A" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://app.asana.com/-/oauth_authorize",
    tokenUrl: "https://app.asana.com/-/oauth_token",
    revocationUrl: "https://app.asana.com/-/oauth_revoke",
    scopes: ["tasks:write"],
    clientAuth: "post",
  },
  baseUrl: "https://app.asana.com/api/1.0",
  docsUrl: "https://developers.asana.com/reference",
});

defineAction({
  provider: "asana",
  action: "create_task",
  title: "Create a task",
  example: { name: "Call Ada back", notes: "About the renewal", project_gid: "1204567890123456", due_on: "2026-12-31" },
  input: z.object({ name: z.string().min(1), notes: z.string().optional(), project_gid: z.string().regex(/^\d+$/), due_on: z.iso.date().optional() }),
  request: (i) => ({ method: "POST", path: "/tasks", json: { data: { name: i.name, notes: i.notes, projects: [i.project_gid], due_on: i.due_on } } }),
});
