/** SendGrid v3 Mail Send (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, fields } from "../http";

defineProvider({
  key: "sendgrid",
  name: "SendGrid",
  category: "email",
  logo: { slug: null, color: "#1A82E2" },
  auth: { kind: "api_key", fields: ["api_key"] },
  baseUrl: "https://api.sendgrid.com/v3",
  docsUrl: "https://www.twilio.com/docs/sendgrid/api-reference",
});

defineAction({
  provider: "sendgrid",
  action: "send_email",
  title: "Send an email",
  example: { from: "sales@example.com", to: "ada@example.com", subject: "Welcome", text: "Hello Ada" },
  input: z.object({ from: z.email(), to: z.email(), subject: z.string().min(1), text: z.string().min(1) }),
  request: (i) => ({
    method: "POST",
    path: "/mail/send",
    json: { personalizations: [{ to: [{ email: i.to }] }], from: { email: i.from }, subject: i.subject, content: [{ type: "text/plain", value: i.text }] },
  }),
  authorize: (c, r) => r.headers.set("authorization", `Bearer ${fields(c).api_key}`),
});
