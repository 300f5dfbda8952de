/** PayPal Orders v2: create an order; the app's client credentials buy an access token first (https://developer.paypal.com/docs/api/orders/v2/#orders_create). */
import { z } from "zod";
import { ActionFailed } from "../../actions";
import { defineProvider } from "../../catalogue";
import { basicAuth, defineAction, fields } from "../http";

defineProvider({
  key: "paypal",
  name: "PayPal",
  category: "payments",
  logo: { slug: "paypal", color: "#002991" },
  auth: { kind: "basic", fields: ["client_id", "client_secret"] },
  baseUrl: "https://api-m.paypal.com",
  docsUrl: "https://developer.paypal.com/api/rest/",
});

defineAction({
  provider: "paypal",
  action: "create_order",
  title: "Create an order",
  example: { currency_code: "EUR", value: "12.50", description: "Order 1042" },
  input: z.object({ currency_code: z.string().length(3), value: z.string().regex(/^\d+(\.\d{1,2})?$/), description: z.string().max(127).optional() }),
  request: (i) => ({
    method: "POST",
    path: "/v2/checkout/orders",
    json: { intent: "CAPTURE", purchase_units: [{ amount: { currency_code: i.currency_code, value: i.value }, description: i.description }] },
  }),
  idempotencyHeader: "PayPal-Request-Id",
  authorize: async (c, r) => {
    const f = fields(c);
    const res = await r.fetch(`${r.url.origin}/v1/oauth2/token`, {
      method: "POST",
      headers: { authorization: basicAuth(f.client_id!, f.client_secret!), "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    if (!res.ok) throw new ActionFailed(`paypal refused the client credentials (${res.status})`, res.status >= 500);
    r.headers.set("authorization", `Bearer ${((await res.json()) as { access_token: string }).access_token}`);
  },
});
