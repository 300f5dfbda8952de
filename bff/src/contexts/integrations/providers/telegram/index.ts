/** Telegram Bot API: sendMessage (https://core.telegram.org/bots/api#sendmessage); the token is part of the path. */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, fields } from "../http";

defineProvider({
  key: "telegram",
  name: "Telegram",
  category: "communication",
  logo: { slug: "telegram", color: "#26A5E4" },
  auth: { kind: "api_key", fields: ["bot_token"] },
  baseUrl: "https://api.telegram.org",
  docsUrl: "https://core.telegram.org/bots/api",
});

defineAction({
  provider: "telegram",
  action: "send_message",
  title: "Send a message",
  example: { chat_id: -1001234567890, text: "New lead: Ada Lovelace" },
  input: z.object({ chat_id: z.union([z.string().min(1), z.number().int()]), text: z.string().min(1).max(4096) }),
  request: (i) => ({ method: "POST", path: "/bot/sendMessage", json: i }),
  authorize: (c, r) => {
    r.url.pathname = r.url.pathname.replace("/bot/", `/bot${fields(c).bot_token}/`);
  },
});
