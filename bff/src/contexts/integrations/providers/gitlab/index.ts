/** GitLab REST v4: create an issue (https://docs.gitlab.com/api/issues/#new-issue). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";
import { seg } from "../common";

defineProvider({
  key: "gitlab",
  name: "GitLab",
  category: "developer",
  logo: { slug: "gitlab", color: "#FC6D26" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://gitlab.com/oauth/authorize",
    tokenUrl: "https://gitlab.com/oauth/token",
    revocationUrl: "https://gitlab.com/oauth/revoke",
    scopes: ["api"],
    clientAuth: "post",
  },
  baseUrl: "https://gitlab.com/api/v4",
  docsUrl: "https://docs.gitlab.com/api/rest/",
});

defineAction({
  provider: "gitlab",
  action: "create_issue",
  title: "Create an issue",
  example: { project: "acme/website", title: "Broken link on the pricing page", description: "The Contact link 404s", labels: "bug" },
  input: z.object({ project: z.string().min(1), title: z.string().min(1), description: z.string().optional(), labels: z.string().optional() }),
  request: (i) => ({ method: "POST", path: `/projects/${seg(i.project)}/issues`, json: { title: i.title, description: i.description, labels: i.labels } }),
});
