/** Box API: create a folder (https://developer.box.com/reference/post-folders/). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";

defineProvider({
  key: "box",
  name: "Box",
  category: "storage",
  logo: { slug: "box", color: "#0061D5" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://account.box.com/api/oauth2/authorize",
    tokenUrl: "https://api.box.com/oauth2/token",
    revocationUrl: "https://api.box.com/oauth2/revoke",
    scopes: [],
    clientAuth: "post",
  },
  baseUrl: "https://api.box.com/2.0",
  docsUrl: "https://developer.box.com/reference/",
});

defineAction({
  provider: "box",
  action: "create_folder",
  title: "Create a folder",
  example: { name: "Contracts 2026", parent_id: "0" },
  input: z.object({ name: z.string().min(1).max(255), parent_id: z.string().default("0") }),
  request: (i) => ({ method: "POST", path: "/folders", json: { name: i.name, parent: { id: i.parent_id } } }),
});
