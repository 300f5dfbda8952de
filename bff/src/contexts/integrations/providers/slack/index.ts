/** Slack Web API: chat.postMessage (https://api.slack.com/methods/chat.postMessage). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";

defineProvider({
  key: "slack",
  name: "Slack",
  category: "communication",
  logo: { slug: null, color: "#4A154B" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://slack.com/oauth/v2/authorize",
    tokenUrl: "https://slack.com/api/oauth.v2.access",
    scopes: ["chat:write", "channels:read"],
    scopeSeparator: ",",
    clientAuth: "post",
  },
  baseUrl: "https://slack.com/api",
  docsUrl: "https://api.slack.com/web",
});

defineAction({
  provider: "slack",
  action: "send_message",
  title: "Send a message",
  example: { channel: "#sales", text: "New lead: Ada Lovelace" },
  input: z.object({ channel: z.string().min(1), text: z.string().min(1).max(40_000), thread_ts: z.string().optional() }),
  request: (i) => ({ method: "POST", path: "/chat.postMessage", json: i }),
});
