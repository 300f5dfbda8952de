/** Basecamp 4 API: create a to-do (https://github.com/basecamp/bc3-api/blob/master/sections/todos.md#create-a-to-do). */
import { z } from "zod";
import { defineProvider, envKey } from "../../catalogue";
import { defineAction } from "../http";

defineProvider({
  key: "basecamp",
  name: "Basecamp",
  category: "project_management",
  logo: { slug: "basecamp", color: "#1D2D35" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://launchpad.37signals.com/authorization/new",
    tokenUrl: "https://launchpad.37signals.com/authorization/token",
    scopes: [],
    authParams: { type: "web_server" },
    clientAuth: "post",
  },
  configFields: ["account_id"],
  // https://github.com/basecamp/api/blob/master/sections/authentication.md#get-authorization
  discoverConfig: async (token, signal): Promise<Record<string, string>> => {
    const url = process.env[envKey("basecamp", "AUTHORIZATION_JSON_URL")] ?? "https://launchpad.37signals.com/authorization.json";
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: "application/json" }, signal });
    const body = res.ok ? ((await res.json()) as { accounts?: { id: number; product: string }[] }) : {};
    const account = body.accounts?.find((a) => a.product === "bc3") ?? body.accounts?.[0];
    return account ? { account_id: String(account.id) } : {};
  },
  baseUrl: "https://3.basecampapi.com/{account_id}",
  docsUrl: "https://github.com/basecamp/bc3-api",
});

defineAction({
  provider: "basecamp",
  action: "create_todo",
  title: "Create a to-do",
  example: { project_id: 2085958499, todolist_id: 1069479424, content: "Call Ada back", description: "About the renewal" },
  input: z.object({
    project_id: z.number().int().positive(),
    todolist_id: z.number().int().positive(),
    content: z.string().min(1),
    description: z.string().optional(),
  }),
  request: (i) => ({
    method: "POST",
    path: `/buckets/${i.project_id}/todolists/${i.todolist_id}/todos.json`,
    json: { content: i.content, description: i.description },
  }),
});
