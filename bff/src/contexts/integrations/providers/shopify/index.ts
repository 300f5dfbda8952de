/** Shopify Admin REST API: create a customer with an Admin API access token (https://shopify.dev/docs/api/admin-rest/2024-10/resources/customer#post-customers). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, fields } from "../http";

defineProvider({
  key: "shopify",
  name: "Shopify",
  category: "commerce",
  logo: { slug: "shopify", color: "#7AB55C" },
  auth: { kind: "api_key", fields: ["access_token"] },
  configFields: ["shop"],
  baseUrl: "https://{shop}.myshopify.com/admin/api/2024-10",
  docsUrl: "https://shopify.dev/docs/api/admin-rest",
});

defineAction({
  provider: "shopify",
  action: "create_customer",
  title: "Create a customer",
  example: { email: "ada@example.com", first_name: "Ada", last_name: "Lovelace", tags: "newsletter" },
  input: z.object({ email: z.email(), first_name: z.string().optional(), last_name: z.string().optional(), tags: z.string().optional() }),
  request: (i) => ({ method: "POST", path: "/customers.json", json: { customer: i } }),
  authorize: (c, r) => r.headers.set("x-shopify-access-token", fields(c).access_token!),
});
