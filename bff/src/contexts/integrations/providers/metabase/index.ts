/** Metabase API (self-hosted): run a saved question, API-key auth (https://www.metabase.com/docs/latest/api#tag/apicard/POST/api/card/{card-id}/query). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction, fields } from "../http";

defineProvider({
  key: "metabase",
  name: "Metabase",
  category: "data",
  logo: { slug: "metabase", color: "#509EE3" },
  auth: { kind: "api_key", fields: ["api_key"] },
  configFields: ["server_url"],
  baseUrl: "{server_url}/api",
  docsUrl: "https://www.metabase.com/docs/latest/api",
});

defineAction({
  provider: "metabase",
  action: "run_question",
  title: "Run a saved question",
  example: { card_id: 42 },
  input: z.object({ card_id: z.number().int().positive() }),
  request: (i) => ({ method: "POST", path: `/card/${i.card_id}/query`, json: {} }),
  authorize: (c, r) => r.headers.set("x-api-key", fields(c).api_key!),
});
