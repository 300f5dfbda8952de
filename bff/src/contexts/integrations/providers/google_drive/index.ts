/** Google Drive API v3: create a folder (https://developers.google.com/drive/api/reference/rest/v3/files/create). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";
import { googleOAuth } from "../common";

defineProvider({
  key: "google_drive",
  name: "Google Drive",
  category: "storage",
  logo: { slug: "googledrive", color: "#4285F4" },
  auth: googleOAuth(["https://www.googleapis.com/auth/drive.file"]),
  baseUrl: "https://www.googleapis.com/drive/v3",
  docsUrl: "https://developers.google.com/drive/api",
});

defineAction({
  provider: "google_drive",
  action: "create_folder",
  title: "Create a folder",
  example: { name: "Contracts 2026" },
  input: z.object({ name: z.string().min(1), parent_id: z.string().optional() }),
  request: (i) => ({
    method: "POST",
    path: "/files",
    json: { name: i.name, mimeType: "application/vnd.google-apps.folder", ...(i.parent_id ? { parents: [i.parent_id] } : {}) },
  }),
});
