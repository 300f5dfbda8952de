/** Zoom API v2: create a meeting (https://developers.zoom.us/docs/api/meetings/#tag/meetings/POST/users/{userId}/meetings). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";

defineProvider({
  key: "zoom",
  name: "Zoom",
  category: "communication",
  logo: { slug: "zoom", color: "#0B5CFF" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://zoom.us/oauth/authorize",
    tokenUrl: "https://zoom.us/oauth/token",
    revocationUrl: "https://zoom.us/oauth/revoke",
    scopes: ["meeting:write:meeting"],
  },
  baseUrl: "https://api.zoom.us/v2",
  docsUrl: "https://developers.zoom.us/docs/api/",
});

defineAction({
  provider: "zoom",
  action: "create_meeting",
  title: "Create a meeting",
  example: { topic: "Renewal call with Ada", start_time: "2026-12-14T10:00:00Z", duration: 30 },
  input: z.object({ topic: z.string().min(1).max(200), start_time: z.iso.datetime().optional(), duration: z.number().int().positive().default(30) }),
  request: (i) => ({
    method: "POST",
    path: "/users/me/meetings",
    json: { topic: i.topic, type: i.start_time ? 2 : 1, start_time: i.start_time, duration: i.duration },
  }),
});
