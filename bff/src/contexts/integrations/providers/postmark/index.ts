/** Postmark: send a single email (https://postmarkapp.com/developer/api/email-api#send-a-single-email). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, fields } from "../http";

defineProvider({
  key: "postmark",
  name: "Postmark",
  category: "email",
  logo: { slug: null, color: "#FFDE00" },
  auth: { kind: "api_key", fields: ["server_token"] },
  baseUrl: "https://api.postmarkapp.com",
  docsUrl: "https://postmarkapp.com/developer",
});

defineAction({
  provider: "postmark",
  action: "send_email",
  title: "Send an email",
  example: { from: "sales@example.com", to: "ada@example.com", subject: "Welcome", text_body: "Hello Ada" },
  input: z.object({
    from: z.string().min(3),
    to: z.string().min(3),
    subject: z.string().min(1),
    text_body: z.string().min(1),
    message_stream: z.string().default("outbound"),
  }),
  request: (i) => ({
    method: "POST",
    path: "/email",
    json: { From: i.from, To: i.to, Subject: i.subject, TextBody: i.text_body, MessageStream: i.message_stream },
  }),
  authorize: (c, r) => r.headers.set("x-postmark-server-token", fields(c).server_token!),
});
