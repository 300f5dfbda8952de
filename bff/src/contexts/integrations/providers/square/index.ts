/** Square API: create a customer; the idempotency key travels in the body (https://developer.squareup.com/reference/square/customers-api/create-customer). */
import { z } from "zod";
import { registerAction } from "../../actions";
import { defineProvider } from "../../catalogue";
import { callProvider } from "../http";

defineProvider({
  key: "square",
  name: "Square",
  category: "payments",
  logo: { slug: "square", color: "#3E4348" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://connect.squareup.com/oauth2/authorize",
    tokenUrl: "https://connect.squareup.com/oauth2/token",
    scopes: ["CUSTOMERS_WRITE"],
    clientAuth: "post",
  },
  baseUrl: "https://connect.squareup.com/v2",
  docsUrl: "https://developer.squareup.com/reference/square",
});

const input = z.object({ given_name: z.string().optional(), family_name: z.string().optional(), email_address: z.email().optional() });
registerAction({
  provider: "square",
  action: "create_customer",
  title: "Create a customer",
  example: { given_name: "Ada", family_name: "Lovelace", email_address: "ada@example.com" },
  input,
  run: async (i: z.infer<typeof input>, ctx) => ({
    output: await callProvider("square", ctx, {
      method: "POST",
      path: "/customers",
      headers: { "square-version": "2024-10-17" },
      json: { idempotency_key: ctx.idempotencyKey.slice(0, 45), ...i },
    }),
  }),
});
