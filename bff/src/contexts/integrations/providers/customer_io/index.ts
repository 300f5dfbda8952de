/** Customer.io App API: send a transactional email (https://docs.customer.io/api/app/#operation/sendEmail). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, fields } from "../http";

defineProvider({
  key: "customer_io",
  name: "Customer.io",
  category: "email",
  logo: { slug: null, color: "#7131FF" },
  auth: { kind: "api_key", fields: ["app_api_key"] },
  baseUrl: "https://api.customer.io/v1",
  docsUrl: "https://docs.customer.io/api/app/",
});

defineAction({
  provider: "customer_io",
  action: "send_transactional_email",
  title: "Send a transactional email",
  example: { transactional_message_id: "welcome", to: "ada@example.com", message_data: { first_name: "Ada" } },
  input: z.object({
    transactional_message_id: z.union([z.string().min(1), z.number().int()]),
    to: z.email(),
    message_data: z.record(z.string(), z.unknown()).default({}),
  }),
  request: (i) => ({
    method: "POST",
    path: "/send/email",
    json: { transactional_message_id: i.transactional_message_id, to: i.to, identifiers: { email: i.to }, message_data: i.message_data },
  }),
  authorize: (c, r) => r.headers.set("authorization", `Bearer ${fields(c).app_api_key}`),
});
