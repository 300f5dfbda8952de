/** Webex REST API: create a message (https://developer.webex.com/docs/api/v1/messages/create-a-message). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";

defineProvider({
  key: "webex",
  name: "Cisco Webex",
  category: "communication",
  logo: { slug: "webex", color: "#000000" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://webexapis.com/v1/authorize",
    tokenUrl: "https://webexapis.com/v1/access_token",
    scopes: ["spark:messages_write"],
    clientAuth: "post",
  },
  baseUrl: "https://webexapis.com/v1",
  docsUrl: "https://developer.webex.com/docs",
});

defineAction({
  provider: "webex",
  action: "send_message",
  title: "Send a message to a space",
  example: { room_id: "Y2lzY29zcGFyazovL3VzL1JPT00vYmJjZWIxYWQtNDNmMS0zYjU4LTkxNDctZjE0YmIwYzRkMTU0", text: "New lead: Ada Lovelace" },
  input: z.object({ room_id: z.string().min(1), text: z.string().min(1), markdown: z.string().optional() }),
  request: (i) => ({ method: "POST", path: "/messages", json: { roomId: i.room_id, text: i.text, markdown: i.markdown } }),
});
