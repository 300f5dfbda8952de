/** Tableau REST API 3.22: sign in with a personal access token, then run an extract refresh (https://help.tableau.com/current/api/rest_api/en-us/REST/rest_api_ref_data_sources.htm#update_data_source_now). */
import { z } from "zod";
import { ActionFailed } from "../../actions";
import { defineProvider } from "../../catalogue";
import { defineAction, fields } from "../http";
import { seg } from "../common";

defineProvider({
  key: "tableau",
  name: "Tableau",
  category: "data",
  logo: { slug: null, color: "#E97627" },
  auth: { kind: "api_key", fields: ["token_name", "token_secret", "site"] },
  configFields: ["pod"],
  baseUrl: "https://{pod}.online.tableau.com/api/3.22",
  docsUrl: "https://help.tableau.com/current/api/rest_api/en-us/REST/rest_api.htm",
});

defineAction({
  provider: "tableau",
  action: "refresh_datasource",
  title: "Refresh a data source extract",
  example: { datasource_id: "9d8b7c6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a" },
  input: z.object({ datasource_id: z.string().uuid() }),
  request: (i) => ({ method: "POST", path: `/sites/{site_id}/datasources/${seg(i.datasource_id)}/refresh`, json: {} }),
  authorize: async (c, r) => {
    const f = fields(c);
    const base = r.url.pathname.slice(0, r.url.pathname.indexOf("/sites/"));
    const res = await r.fetch(`${r.url.origin}${base}/auth/signin`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        credentials: { personalAccessTokenName: f.token_name, personalAccessTokenSecret: f.token_secret, site: { contentUrl: f.site ?? "" } },
      }),
    });
    if (!res.ok) throw new ActionFailed(`tableau refused the sign-in (${res.status})`, res.status >= 500);
    const { credentials } = (await res.json()) as { credentials: { token: string; site: { id: string } } };
    r.url.pathname = r.url.pathname.replace(/\/sites\/(%7B|\{)site_id(%7D|\})\//, `/sites/${credentials.site.id}/`);
    r.headers.set("x-tableau-auth", credentials.token);
  },
});
