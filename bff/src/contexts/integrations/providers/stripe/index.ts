/** Stripe API: create a customer, form-encoded, with `Idempotency-Key` (https://docs.stripe.com/api/customers/create). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, fields } from "../http";

defineProvider({
  key: "stripe",
  name: "Stripe",
  category: "payments",
  logo: { slug: "stripe", color: "#635BFF" },
  auth: { kind: "api_key", fields: ["secret_key"] },
  baseUrl: "https://api.stripe.com/v1",
  docsUrl: "https://docs.stripe.com/api",
});

defineAction({
  provider: "stripe",
  action: "create_customer",
  title: "Create a customer",
  example: { email: "ada@example.com", name: "Ada Lovelace", metadata: { lead_id: "42" } },
  input: z.object({
    email: z.email().optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    metadata: z.record(z.string(), z.string()).default({}),
  }),
  request: (i) => {
    const form: Record<string, string> = {};
    for (const k of ["email", "name", "description"] as const) if (i[k]) form[k] = i[k]!;
    for (const [k, v] of Object.entries(i.metadata)) form[`metadata[${k}]`] = v;
    return { method: "POST", path: "/customers", form };
  },
  idempotencyHeader: "Idempotency-Key",
  authorize: (c, r) => r.headers.set("authorization", `Bearer ${fields(c).secret_key}`),
});
