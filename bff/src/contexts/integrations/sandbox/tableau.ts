/**
 * Tableau Cloud REST API simulator (JSON, `Accept: application/json`): sign in with a personal
 * access token, `POST /api/{version}/auth/signin`
 * (https://help.tableau.com/current/api/rest_api/en-us/REST/rest_api_ref_authentication.htm#sign_in),
 * answering 200 `{credentials: {site: {id, contentUrl}, user: {id}, token, estimatedTimeToExpiration}}`;
 * then run an extract refresh, `POST /api/{version}/sites/{site-id}/datasources/{datasource-id}/refresh`
 * with `X-Tableau-Auth` (https://help.tableau.com/current/api/rest_api/en-us/REST/rest_api_ref_data_sources.htm#update_data_source_now),
 * answering 202 `{job: {id, mode: "Asynchronous", type: "RefreshExtract", createdAt, …}}`. Errors are
 * `{error: {summary, detail, code}}` with Tableau's six-digit codes
 * (https://help.tableau.com/current/api/rest_api/en-us/REST/rest_api_concepts_errors.htm): 401001
 * sign-in error, 401002 invalid credentials token, 403 wrong site, 404 unknown data source (not a
 * LUID); 409093 (a refresh of that data source already queued) comes as an error on demand, since
 * the simulator keeps no jobs.
 */
import { randomUUID } from "node:crypto";
import { remember } from "./bounded";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const tableauError = (status: number, code: string, summary: string, detail: string) => ({ status, body: { error: { summary, detail, code } } });
const LUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^3\.\d{1,2}$/;

/** Issued session tokens → the site they belong to. */
const sessions = new Map<string, string>();
/** Sites by their `contentUrl` (a stable LUID per site name). */
const sites = new Map<string, string>();

function signIn(req: SandboxRequest, version: string) {
  if (!VERSION.test(version)) return tableauError(404, "404000", "Resource Not Found", `Unknown API version ${version}.`);
  const creds = ((req.body as { credentials?: unknown } | null)?.credentials ?? null) as Record<string, unknown> | null;
  if (!creds) return tableauError(400, "400000", "Bad Request", "Payload is either malformed or incomplete (credentials is required)");
  const site = ((creds.site ?? null) as { contentUrl?: unknown } | null)?.contentUrl;
  if (typeof site !== "string") return tableauError(400, "400000", "Bad Request", "Payload is either malformed or incomplete (site contentUrl is required)");
  const pat = typeof creds.personalAccessTokenName === "string" && typeof creds.personalAccessTokenSecret === "string";
  const password = typeof creds.name === "string" && typeof creds.password === "string";
  if ((!pat && !password) || (pat && (!creds.personalAccessTokenName || !creds.personalAccessTokenSecret)))
    return tableauError(401, "401001", "Signin Error", "Error signing in to Tableau Server");
  const siteId = sites.get(site) ?? randomUUID();
  remember(sites, site, siteId);
  const token = `${randomUUID().replace(/-/g, "").slice(0, 22)}|${randomUUID().replace(/-/g, "")}|${siteId}`;
  remember(sessions, token, siteId);
  return {
    status: 200,
    body: { credentials: { site: { id: siteId, contentUrl: site }, user: { id: randomUUID() }, token, estimatedTimeToExpiration: "361:59:59" } },
  };
}

function refresh(req: SandboxRequest, version: string, siteId: string, datasourceId: string) {
  if (!VERSION.test(version)) return tableauError(404, "404000", "Resource Not Found", `Unknown API version ${version}.`);
  const token = req.headers.get("x-tableau-auth");
  if (!token) return tableauError(401, "401000", "Unauthorized Access", "No authentication credentials were provided");
  const sessionSite = sessions.get(token);
  if (!sessionSite) return tableauError(401, "401002", "Unauthorized Access", "Invalid authentication credentials were provided.");
  if (sessionSite !== siteId)
    return tableauError(403, "403069", "Forbidden", `The site '${siteId}' does not match the site the credentials token was issued for.`);
  if (!LUID.test(datasourceId)) return tableauError(404, "404011", "Resource Not Found", `Datasource '${datasourceId}' could not be found.`);
  return {
    status: 202,
    body: {
      job: {
        id: randomUUID(),
        mode: "Asynchronous",
        type: "RefreshExtract",
        createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        extractRefreshJob: { datasource: { id: datasourceId, name: "Sandbox data source" } },
      },
    },
  };
}

const onDemand: Record<number, [string, string]> = {
  400: ["400000", "Bad Request"],
  401: ["401002", "Unauthorized Access"],
  403: ["403004", "Forbidden"],
  404: ["404011", "Resource Not Found"],
  405: ["405000", "Method Not Allowed"],
  409: ["409093", "Resource Conflict"],
  429: ["429000", "Too Many Requests"],
  500: ["500000", "Internal Server Error"],
  503: ["503000", "Service Unavailable"],
};

registerSimulator(
  "tableau",
  (req) =>
    matchRoute(
      req,
      {
        "POST /api/:version/auth/signin": (p) => signIn(req, p.version!),
        "POST /api/:version/sites/:site/datasources/:datasource/refresh": (p) => refresh(req, p.version!, p.site!, p.datasource!),
      },
      () => tableauError(404, "404000", "Resource Not Found", `Unknown resource '${req.url.pathname}' specified in URI.`),
    ),
  (status, message) => {
    const [code, summary] = onDemand[status] ?? [`${status}000`, status >= 500 ? "Internal Server Error" : "Bad Request"];
    return tableauError(status, code, summary, message);
  },
);
