/** Twilio Programmable Messaging: create a Message (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { basicAuth, defineAction, fields } from "../http";

defineProvider({
  key: "twilio",
  name: "Twilio",
  category: "communication",
  logo: { slug: null, color: "#F22F46" },
  auth: { kind: "basic", fields: ["account_sid", "auth_token"] },
  baseUrl: "https://api.twilio.com/2010-04-01",
  docsUrl: "https://www.twilio.com/docs/usage/api",
});

defineAction({
  provider: "twilio",
  action: "send_sms",
  title: "Send an SMS",
  example: { to: "+15558675310", from: "+15017122661", body: "Your order 1042 has shipped" },
  input: z.object({ to: z.string().regex(/^\+\d{6,15}$/), from: z.string().min(1), body: z.string().min(1).max(1600) }),
  request: (i) => ({ method: "POST", path: "/Accounts/{sid}/Messages.json", form: { To: i.to, From: i.from, Body: i.body } }),
  idempotencyHeader: "I-Twilio-Idempotency-Token",
  authorize: (c, r) => {
    const f = fields(c);
    r.url.pathname = r.url.pathname.replace("%7Bsid%7D", encodeURIComponent(f.account_sid!)).replace("{sid}", encodeURIComponent(f.account_sid!));
    r.headers.set("authorization", basicAuth(f.account_sid!, f.auth_token!));
  },
});
