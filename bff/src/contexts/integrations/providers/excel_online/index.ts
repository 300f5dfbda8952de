/** Microsoft Graph Excel API: add a row to a workbook table (https://learn.microsoft.com/graph/api/table-post-rows). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";
import { microsoftOAuth, seg } from "../common";

defineProvider({
  key: "excel_online",
  name: "Excel Online",
  category: "data",
  logo: { slug: null, color: "#217346" },
  auth: microsoftOAuth(["Files.ReadWrite"]),
  baseUrl: "https://graph.microsoft.com/v1.0",
  docsUrl: "https://learn.microsoft.com/graph/excel-concept-overview",
});

defineAction({
  provider: "excel_online",
  action: "add_table_row",
  title: "Add a table row",
  example: { item_id: "01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K", table: "Leads", values: ["Ada Lovelace", "ada@example.com", 1250] },
  input: z.object({ item_id: z.string().min(1), table: z.string().min(1), values: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).min(1) }),
  request: (i) => ({ method: "POST", path: `/me/drive/items/${seg(i.item_id)}/workbook/tables/${seg(i.table)}/rows`, json: { values: [i.values] } }),
});
