/** Linear GraphQL API: issueCreate (https://developers.linear.app/docs/graphql/working-with-the-graphql-api). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, graphqlFailure } from "../http";

defineProvider({
  key: "linear",
  name: "Linear",
  category: "project_management",
  logo: { slug: "linear", color: "#5E6AD2" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://linear.app/oauth/authorize",
    tokenUrl: "https://api.linear.app/oauth/token",
    revocationUrl: "https://api.linear.app/oauth/revoke",
    scopes: ["read", "write"],
    scopeSeparator: ",",
    clientAuth: "post",
  },
  baseUrl: "https://api.linear.app",
  docsUrl: "https://developers.linear.app/",
});

defineAction({
  provider: "linear",
  action: "create_issue",
  title: "Create an issue",
  example: { team_id: "9cfb482a-81e3-4154-b5b9-2c805e70a02d", title: "Checkout fails", description: "The pay button answers an error" },
  input: z.object({ team_id: z.string().min(1), title: z.string().min(1), description: z.string().optional() }),
  failure: graphqlFailure,
  request: (i) => ({
    method: "POST",
    path: "/graphql",
    json: {
      query: "mutation IssueCreate($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { id identifier url } } }",
      variables: { input: { teamId: i.team_id, title: i.title, description: i.description } },
    },
  }),
});
