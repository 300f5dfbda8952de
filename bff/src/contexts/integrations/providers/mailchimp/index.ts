/** Mailchimp Marketing API 3.0: add a list member; the data centre is the API key's suffix (https://mailchimp.com/developer/marketing/api/list-members/add-member-to-list/). */
import { z } from "zod";
import { defineProvider, providerBaseUrl } from "../../catalogue";
import { basicAuth, defineAction, fields } from "../http";
import { seg } from "../common";

defineProvider({
  key: "mailchimp",
  name: "Mailchimp",
  category: "email",
  logo: { slug: "mailchimp", color: "#FFE01B" },
  auth: { kind: "api_key", fields: ["api_key"] },
  baseUrl: "https://{dc}.api.mailchimp.com/3.0",
  docsUrl: "https://mailchimp.com/developer/marketing/api/",
});

defineAction({
  provider: "mailchimp",
  action: "add_member",
  title: "Add a contact to an audience",
  example: { list_id: "a1b2c3d4e5", email: "ada@example.com", status: "pending" },
  input: z.object({ list_id: z.string().min(1), email: z.email(), status: z.enum(["subscribed", "pending", "unsubscribed"]).default("pending") }),
  request: (i) => ({ method: "POST", path: `/lists/${seg(i.list_id)}/members`, json: { email_address: i.email, status: i.status } }),
  baseUrl: (c, def) => providerBaseUrl(def, { dc: /-([a-z]+\d+)$/.exec(fields(c).api_key ?? "")?.[1] ?? "" }),
  authorize: (c, r) => r.headers.set("authorization", basicAuth("anystring", fields(c).api_key!)),
});
