/** Microsoft Graph: create a folder in OneDrive (https://learn.microsoft.com/graph/api/driveitem-post-children). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";
import { microsoftOAuth } from "../common";

defineProvider({
  key: "onedrive",
  name: "OneDrive",
  category: "storage",
  logo: { slug: null, color: "#0078D4" },
  auth: microsoftOAuth(["Files.ReadWrite"]),
  baseUrl: "https://graph.microsoft.com/v1.0",
  docsUrl: "https://learn.microsoft.com/onedrive/developer/rest-api/",
});

defineAction({
  provider: "onedrive",
  action: "create_folder",
  title: "Create a folder",
  example: { name: "Contracts 2026" },
  input: z.object({ name: z.string().min(1) }),
  request: (i) => ({ method: "POST", path: "/me/drive/root/children", json: { name: i.name, folder: {}, "@microsoft.graph.conflictBehavior": "rename" } }),
});
