/** Microsoft Graph: send a channel message (https://learn.microsoft.com/graph/api/channel-post-messages). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";
import { microsoftOAuth, seg } from "../common";

defineProvider({
  key: "microsoft_teams",
  name: "Microsoft Teams",
  category: "communication",
  logo: { slug: null, color: "#6264A7" },
  auth: microsoftOAuth(["ChannelMessage.Send", "Team.ReadBasic.All"]),
  baseUrl: "https://graph.microsoft.com/v1.0",
  docsUrl: "https://learn.microsoft.com/graph/teams-concept-overview",
});

defineAction({
  provider: "microsoft_teams",
  action: "send_channel_message",
  title: "Send a channel message",
  example: {
    team_id: "fbe2bf47-16c8-47cf-b4a5-4b9b187c508b",
    channel_id: "19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2",
    content: "New lead: Ada Lovelace",
  },
  input: z.object({
    team_id: z.string().min(1),
    channel_id: z.string().min(1),
    content: z.string().min(1),
    content_type: z.enum(["text", "html"]).default("text"),
  }),
  request: (i) => ({
    method: "POST",
    path: `/teams/${seg(i.team_id)}/channels/${seg(i.channel_id)}/messages`,
    json: { body: { contentType: i.content_type, content: i.content } },
  }),
});
