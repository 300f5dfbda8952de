/** GitHub REST API: create an issue (https://docs.github.com/rest/issues/issues#create-an-issue). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";
import { seg } from "../common";

defineProvider({
  key: "github",
  name: "GitHub",
  category: "developer",
  logo: { slug: "github", color: "#181717" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://github.com/login/oauth/authorize",
    tokenUrl: "https://github.com/login/oauth/access_token",
    scopes: ["repo"],
    clientAuth: "post",
  },
  baseUrl: "https://api.github.com",
  docsUrl: "https://docs.github.com/rest",
});

defineAction({
  provider: "github",
  action: "create_issue",
  title: "Create an issue",
  example: { owner: "acme", repo: "website", title: "Broken link on the pricing page", body: "The Contact link 404s", labels: ["bug"] },
  input: z.object({
    owner: z.string().min(1),
    repo: z.string().min(1),
    title: z.string().min(1),
    body: z.string().optional(),
    labels: z.array(z.string()).optional(),
  }),
  request: (i) => ({
    method: "POST",
    path: `/repos/${seg(i.owner)}/${seg(i.repo)}/issues`,
    headers: { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" },
    json: { title: i.title, body: i.body, labels: i.labels },
  }),
});
