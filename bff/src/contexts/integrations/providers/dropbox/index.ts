/** Dropbox API v2: files/create_folder_v2 (https://www.dropbox.com/developers/documentation/http/documentation#files-create_folder). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";

defineProvider({
  key: "dropbox",
  name: "Dropbox",
  category: "storage",
  logo: { slug: "dropbox", color: "#0061FF" },
  auth: {
    kind: "oauth2",
    authorizationUrl: "https://www.dropbox.com/oauth2/authorize",
    tokenUrl: "https://api.dropboxapi.com/oauth2/token",
    scopes: ["files.content.write"],
    authParams: { token_access_type: "offline" },
    clientAuth: "post",
  },
  baseUrl: "https://api.dropboxapi.com/2",
  docsUrl: "https://www.dropbox.com/developers/documentation/http/documentation",
});

defineAction({
  provider: "dropbox",
  action: "create_folder",
  title: "Create a folder",
  example: { path: "/Contracts/2026" },
  input: z.object({ path: z.string().regex(/^\//), autorename: z.boolean().default(false) }),
  request: (i) => ({ method: "POST", path: "/files/create_folder_v2", json: i }),
});
