/** Google Sheets API v4: spreadsheets.values.append (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/append). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";
import { googleOAuth, seg } from "../common";

defineProvider({
  key: "google_sheets",
  name: "Google Sheets",
  category: "data",
  logo: { slug: "googlesheets", color: "#34A853" },
  auth: googleOAuth(["https://www.googleapis.com/auth/spreadsheets"]),
  baseUrl: "https://sheets.googleapis.com/v4",
  docsUrl: "https://developers.google.com/sheets/api",
});

defineAction({
  provider: "google_sheets",
  action: "append_row",
  title: "Append a row",
  example: { spreadsheet_id: "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms", range: "Leads", values: ["Ada Lovelace", "ada@example.com", 1250] },
  input: z.object({
    spreadsheet_id: z.string().min(10),
    range: z.string().default("Sheet1"),
    values: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).min(1),
  }),
  request: (i) => ({
    method: "POST",
    path: `/spreadsheets/${seg(i.spreadsheet_id)}/values/${seg(i.range)}:append`,
    query: { valueInputOption: "USER_ENTERED", insertDataOption: "INSERT_ROWS" },
    json: { majorDimension: "ROWS", values: [i.values] },
  }),
});
