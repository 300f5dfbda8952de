/** Discord REST v10: create a message with a bot token (https://discord.com/developers/docs/resources/message#create-message). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, fields } from "../http";
import { seg } from "../common";

defineProvider({
  key: "discord",
  name: "Discord",
  category: "communication",
  logo: { slug: "discord", color: "#5865F2" },
  auth: { kind: "api_key", fields: ["bot_token"] },
  baseUrl: "https://discord.com/api/v10",
  docsUrl: "https://discord.com/developers/docs",
});

defineAction({
  provider: "discord",
  action: "send_message",
  title: "Send a channel message",
  example: { channel_id: "1098765432109876543", content: "New lead: Ada Lovelace" },
  input: z.object({ channel_id: z.string().regex(/^\d+$/), content: z.string().min(1).max(2000) }),
  request: (i) => ({ method: "POST", path: `/channels/${seg(i.channel_id)}/messages`, json: { content: i.content } }),
  authorize: (c, r) => r.headers.set("authorization", `Bot ${fields(c).bot_token}`),
});
