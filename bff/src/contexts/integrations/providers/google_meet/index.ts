/** Google Meet REST API: create a meeting space (https://developers.google.com/meet/api/reference/rest/v2/spaces/create). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";
import { googleOAuth } from "../common";

defineProvider({
  key: "google_meet",
  name: "Google Meet",
  category: "communication",
  logo: { slug: "googlemeet", color: "#00897B" },
  auth: googleOAuth(["https://www.googleapis.com/auth/meetings.space.created"]),
  baseUrl: "https://meet.googleapis.com/v2",
  docsUrl: "https://developers.google.com/meet/api",
});

defineAction({
  provider: "google_meet",
  action: "create_space",
  title: "Create a meeting space",
  example: { access_type: "TRUSTED" },
  input: z.object({ access_type: z.enum(["OPEN", "TRUSTED", "RESTRICTED"]).default("TRUSTED") }),
  request: (i) => ({ method: "POST", path: "/spaces", json: { config: { accessType: i.access_type } } }),
});
