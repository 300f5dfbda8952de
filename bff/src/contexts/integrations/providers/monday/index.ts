/** monday.com GraphQL API: create_item (https://developer.monday.com/api-reference/reference/items#create-an-item). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, graphqlFailure } from "../http";

defineProvider({
  key: "monday",
  name: "Monday.com",
  category: "project_management",
  logo: { slug: null, color: "#FF3D57" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://auth.monday.com/oauth2/authorize",
    tokenUrl: "https://auth.monday.com/oauth2/token",
    scopes: ["boards:write"],
    clientAuth: "post",
  },
  baseUrl: "https://api.monday.com/v2",
  docsUrl: "https://developer.monday.com/api-reference/",
});

defineAction({
  provider: "monday",
  action: "create_item",
  title: "Create an item",
  example: { board_id: "1234567890", item_name: "Ada Lovelace", column_values: { status: { label: "New" } } },
  input: z.object({ board_id: z.string().regex(/^\d+$/), item_name: z.string().min(1), column_values: z.record(z.string(), z.unknown()).default({}) }),
  failure: graphqlFailure,
  request: (i) => ({
    method: "POST",
    path: "",
    headers: { "api-version": "2024-10" },
    json: {
      query: "mutation ($board: ID!, $name: String!, $cols: JSON) { create_item (board_id: $board, item_name: $name, column_values: $cols) { id } }",
      variables: { board: i.board_id, name: i.item_name, cols: JSON.stringify(i.column_values) },
    },
  }),
  authorize: (c, r) => r.headers.set("authorization", c.secret),
});
