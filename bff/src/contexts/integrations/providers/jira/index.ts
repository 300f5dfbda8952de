/** Jira Cloud REST v3 through api.atlassian.com with OAuth 2.0 (3LO): create an issue (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post). */
import { z } from "zod";
import { defineProvider, envKey } from "../../catalogue";
import { defineAction } from "../http";

defineProvider({
  key: "jira", name: "Jira", category: "project_management", logo: { slug: "jira", color: "#0052CC" },
  auth: { kind: "oauth2", authorizationUrl: "https://auth.atlassian.com/authorize", tokenUrl: "https://auth.atlassian.com/oauth/token", scopes: ["read:jira-work", "write:jira-work", "offline_access"], authParams: { audience: "api.atlassian.com", prompt: "consent" }, clientAuth: "post" },
  configFields: ["cloud_id"],
  // https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/#3-1-get-the-cloudid-for-your-site
  discoverConfig: async (token, signal): Promise<Record<string, string>> => {
    const url = process.env[envKey("jira", "RESOURCES_URL")] ?? "https://api.atlassian.com/oauth/token/accessible-resources";
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: "application/json" }, signal });
    const sites = res.ok ? ((await res.json()) as { id: string }[]) : [];
    return sites[0]?.id ? { cloud_id: sites[0].id } : {};
  },
  baseUrl: "https://api.atlassian.com/ex/jira/{cloud_id}/rest/api/3", docsUrl: "https://developer.atlassian.com/cloud/jira/platform/rest/v3/",
});

/** Plain text as an Atlassian Document Format document (one paragraph per line). */
export const adf = (text: string) => ({ type: "doc", version: 1, content: text.split("\n").map((line) => ({ type: "paragraph", content: line ? [{ type: "text", text: line }] : [] })) });

defineAction({
  provider: "jira", action: "create_issue", title: "Create an issue",
  input: z.object({ project_key: z.string().regex(/^[A-Z][A-Z0-9_]+$/), summary: z.string().min(1).max(255), description: z.string().default(""), issue_type: z.string().default("Task") }),
  request: (i) => ({ method: "POST", path: "/issue", json: { fields: { project: { key: i.project_key }, summary: i.summary, issuetype: { name: i.issue_type }, ...(i.description ? { description: adf(i.description) } : {}) } } }),
});
