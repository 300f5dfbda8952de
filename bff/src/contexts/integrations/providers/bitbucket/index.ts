/** Bitbucket Cloud REST 2.0: create an issue (https://developer.atlassian.com/cloud/bitbucket/rest/api-group-issue-tracker/#api-repositories-workspace-repo-slug-issues-post). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";
import { seg } from "../common";

defineProvider({
  key: "bitbucket",
  name: "Bitbucket",
  category: "developer",
  logo: { slug: "bitbucket", color: "#0052CC" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://bitbucket.org/site/oauth2/authorize",
    tokenUrl: "https://bitbucket.org/site/oauth2/access_token",
    scopes: ["issue:write"],
  },
  baseUrl: "https://api.bitbucket.org/2.0",
  docsUrl: "https://developer.atlassian.com/cloud/bitbucket/rest/",
});

defineAction({
  provider: "bitbucket",
  action: "create_issue",
  title: "Create an issue",
  example: { workspace: "acme", repo_slug: "website", title: "Broken link on the pricing page", content: "The Contact link 404s" },
  input: z.object({
    workspace: z.string().min(1),
    repo_slug: z.string().min(1),
    title: z.string().min(1),
    content: z.string().optional(),
    kind: z.enum(["bug", "enhancement", "proposal", "task"]).default("task"),
  }),
  request: (i) => ({
    method: "POST",
    path: `/repositories/${seg(i.workspace)}/${seg(i.repo_slug)}/issues`,
    json: { title: i.title, kind: i.kind, content: { raw: i.content ?? "" } },
  }),
});
