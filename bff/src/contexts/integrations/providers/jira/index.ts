/** Jira Cloud REST v3 through api.atlassian.com with OAuth 2.0 (3LO): create an issue (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post). */
import { z } from "zod";
import { defineProvider, envKey } from "../../catalogue";
import { defineAction, type ProviderRequest } from "../http";

defineProvider({
  key: "jira",
  name: "Jira",
  category: "project_management",
  logo: { slug: "jira", color: "#0052CC" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://auth.atlassian.com/authorize",
    tokenUrl: "https://auth.atlassian.com/oauth/token",
    scopes: ["read:jira-work", "write:jira-work", "offline_access"],
    authParams: { audience: "api.atlassian.com", prompt: "consent" },
    clientAuth: "post",
  },
  configFields: ["cloud_id"],
  // https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/#3-1-get-the-cloudid-for-your-site
  discoverConfig: async (token, signal): Promise<Record<string, string>> => {
    const url = process.env[envKey("jira", "RESOURCES_URL")] ?? "https://api.atlassian.com/oauth/token/accessible-resources";
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: "application/json" }, signal });
    const sites = res.ok ? ((await res.json()) as { id: string }[]) : [];
    return sites[0]?.id ? { cloud_id: sites[0].id } : {};
  },
  baseUrl: "https://api.atlassian.com/ex/jira/{cloud_id}/rest/api/3",
  docsUrl: "https://developer.atlassian.com/cloud/jira/platform/rest/v3/",
});

/** Plain text as an Atlassian Document Format document (one paragraph per line). */
export const adf = (text: string) => ({
  type: "doc",
  version: 1,
  content: text.split("\n").map((line) => ({ type: "paragraph", content: line ? [{ type: "text", text: line }] : [] })),
});

/**
 * `create_issue`'s input. Seed 001 writes Jira's own field names (`project`, `issuetype`,
 * `priority`); they are accepted as aliases of ours: `project` is a project key (`SUP`) or a
 * numeric project id, `issuetype` an issue type name. `priority` is a priority name (`High`) or a
 * numeric priority id.
 */
const createIssueInput = z
  .object({
    project_key: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]+$/)
      .optional(),
    project: z
      .string()
      .regex(/^([A-Z][A-Z0-9_]+|\d+)$/, "a project key such as SUP, or a numeric project id")
      .optional(),
    summary: z.string().min(1).max(255),
    description: z.string().default(""),
    issue_type: z.string().min(1).optional(),
    issuetype: z.string().min(1).optional(),
    priority: z.string().min(1).optional(),
  })
  .refine((i) => i.project_key ?? i.project, { message: "project_key (or project) is required", path: ["project_key"] });

/**
 * The request of `jira.create_issue`: `POST /issue` with `fields` as Jira's create-issue API takes
 * them (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post):
 * `project: {key}` (or `{id}`), `issuetype: {name}` (default Task), `priority: {name}` (or `{id}`),
 * the description in Atlassian Document Format.
 */
export function createIssueRequest(i: z.infer<typeof createIssueInput>): ProviderRequest {
  const project = i.project_key ?? i.project!;
  const ref = (v: string, named: "key" | "name") => (/^\d+$/.test(v) ? { id: v } : { [named]: v });
  return {
    method: "POST",
    path: "/issue",
    json: {
      fields: {
        project: ref(project, "key"),
        summary: i.summary,
        issuetype: { name: i.issue_type ?? i.issuetype ?? "Task" },
        ...(i.priority ? { priority: ref(i.priority, "name") } : {}),
        ...(i.description ? { description: adf(i.description) } : {}),
      },
    },
  };
}

defineAction({
  provider: "jira",
  action: "create_issue",
  title: "Create an issue",
  example: { project_key: "SUP", summary: "Checkout fails", description: "The pay button answers an error", issue_type: "Bug", priority: "High" },
  input: createIssueInput,
  request: createIssueRequest,
});
