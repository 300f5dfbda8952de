/** WhatsApp Business Cloud API: send a template message (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, fields } from "../http";
import { seg } from "../common";

defineProvider({
  key: "whatsapp",
  name: "WhatsApp Business",
  category: "communication",
  logo: { slug: "whatsapp", color: "#25D366" },
  auth: { kind: "api_key", fields: ["access_token"] },
  baseUrl: "https://graph.facebook.com/v21.0",
  docsUrl: "https://developers.facebook.com/docs/whatsapp/cloud-api",
});

defineAction({
  provider: "whatsapp",
  action: "send_template_message",
  title: "Send a template message",
  example: { phone_number_id: "106540352242922", to: "+16505551234", template: "hello_world", language: "en_US" },
  input: z.object({
    phone_number_id: z.string().regex(/^\d+$/),
    to: z.string().regex(/^\+?\d{6,15}$/),
    template: z.string().min(1),
    language: z.string().default("en_US"),
    components: z.array(z.record(z.string(), z.unknown())).default([]),
  }),
  request: (i) => ({
    method: "POST",
    path: `/${seg(i.phone_number_id)}/messages`,
    json: {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: i.to,
      type: "template",
      template: { name: i.template, language: { code: i.language }, components: i.components },
    },
  }),
  authorize: (c, r) => r.headers.set("authorization", `Bearer ${fields(c).access_token}`),
});
