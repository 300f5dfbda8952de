/** Mattermost API v4 (self-hosted): create a post (https://api.mattermost.com/#tag/posts/operation/CreatePost). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, fields } from "../http";

defineProvider({
  key: "mattermost",
  name: "Mattermost",
  category: "communication",
  logo: { slug: "mattermost", color: "#0058CC" },
  auth: { kind: "api_key", fields: ["access_token"] },
  configFields: ["server_url"],
  baseUrl: "{server_url}/api/v4",
  docsUrl: "https://api.mattermost.com/",
});

defineAction({
  provider: "mattermost",
  action: "send_message",
  title: "Post a message",
  example: { channel_id: "4xp9fdt77pncbef59f4k1qe83o", message: "New lead: Ada Lovelace" },
  input: z.object({ channel_id: z.string().min(1), message: z.string().min(1) }),
  request: (i) => ({ method: "POST", path: "/posts", json: i }),
  authorize: (c, r) => r.headers.set("authorization", `Bearer ${fields(c).access_token}`),
});
