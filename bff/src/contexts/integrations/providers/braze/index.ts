/** Braze REST API: track user attributes (https://www.braze.com/docs/api/endpoints/user_data/post_user_track/); the instance is e.g. `iad-01`. */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, fields } from "../http";

defineProvider({
  key: "braze",
  name: "Braze",
  category: "email",
  logo: { slug: null, color: "#212124" },
  auth: { kind: "api_key", fields: ["api_key"] },
  configFields: ["instance"],
  baseUrl: "https://rest.{instance}.braze.com",
  docsUrl: "https://www.braze.com/docs/api/basics/",
});

defineAction({
  provider: "braze",
  action: "track_user",
  title: "Update a user's attributes",
  example: { external_id: "user-42", attributes: { first_name: "Ada", plan: "pro" } },
  input: z.object({ external_id: z.string().min(1), attributes: z.record(z.string(), z.unknown()) }),
  request: (i) => ({ method: "POST", path: "/users/track", json: { attributes: [{ external_id: i.external_id, ...i.attributes }] } }),
  authorize: (c, r) => r.headers.set("authorization", `Bearer ${fields(c).api_key}`),
});
