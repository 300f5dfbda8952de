/**
 * Builds the Hono app: request id and audit facts, JSON access logs, body limit, security
 * headers, authentication, one sub-app per bounded context under `/api/v1`, the static front
 * end, and the single RFC 9457 error handler.
 */
import { Hono, type Context } from "hono";
import { compress } from "hono/compress";
import { requestId } from "hono/request-id";
import { securityHeaders } from "./lib/security-headers";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { AppEnv, Deps } from "./lib/http";
import { problemHandler, problemResponse } from "./lib/problem";
import { logger } from "./lib/logger";
import { requestContext, type RequestFacts } from "./lib/request-context";
import { authenticate } from "./contexts/identity";
import { identityRoutes } from "./contexts/identity";
import { billingRoutes, stripeWebhookRoutes, tenancyRoutes } from "./contexts/tenancy";
import { integrationsRoutes } from "./contexts/integrations";
import { workflowsRoutes } from "./contexts/workflows";
import { webhookRoutes } from "./contexts/workflows";
import { crmRoutes } from "./contexts/crm";
import { metaWebhookRoutes } from "./contexts/crm";
import { accessRoutes, checkPermission, registerPermissions } from "./contexts/access";
import { notificationsRoutes } from "./contexts/notifications";
import { healthRoutes, portalRoutes } from "./contexts/platform";
import { adminOAuthAppRoutes, adminRoutes } from "./contexts/platform";
import { staticRoutes } from "./static";
import { routePath } from "hono/route";
import { httpDuration, httpRequests } from "./lib/metrics";
import { metricsRoutes } from "./contexts/platform";
import { docsRoutes } from "./contexts/platform";
import { withSpan } from "./lib/tracing";
import { validateResponses } from "./lib/response-validation";
import { rateLimit } from "./lib/rate-limit";
import { cheapBodyLimit } from "./lib/json-body";
import { planRequestsPerHour, recordUsage, recordsRoutes } from "./contexts/tenancy";

function clientIp(c: Context<AppEnv>): string | null {
  if (process.env.TRUST_PROXY === "1") {
    const fwd = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c as never).remote.address ?? null;
  } catch {
    return null;
  }
}

const compressStatic = compress();

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.onError(problemHandler);
  app.notFound((c) => problemResponse(c, 404, "not-found", "Not found", `No route for ${c.req.method} ${c.req.path}.`));

  app.use("*", requestId({ headerName: "x-request-id" }));
  // tests: every documented answer must match its contract (lib/response-validation.ts)
  if (process.env.NHOOD_VALIDATE_RESPONSES === "1") app.use("*", validateResponses());
  app.use("*", async (c, next) => {
    const started = performance.now();
    const facts: RequestFacts = {
      requestId: c.get("requestId"),
      ip: clientIp(c),
      userAgent: c.req.header("user-agent") ?? null,
      actor: { kind: "anonymous", id: null },
    };
    let route = "static";
    await withSpan(`HTTP ${c.req.method}`, { "http.request.method": c.req.method, "url.path": c.req.path, "nh.request_id": facts.requestId }, async (span) => {
      await requestContext.run(facts, next);
      route = c.req.path.startsWith("/api/") || c.req.path.startsWith("/webhooks/") ? routePath(c) || "unmatched" : "static";
      span.updateName(`HTTP ${c.req.method} ${route}`);
      span.setAttributes({ "http.route": route, "http.response.status_code": c.res.status });
    });
    httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    httpDuration.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
    if (c.req.path.startsWith("/api/")) {
      const p = c.get("principal");
      logger.info(
        {
          request_id: facts.requestId,
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round(performance.now() - started),
          workspace_id: p && (p.kind === "api_key" || p.kind === "end_user") ? p.workspaceId : p?.kind === "user" ? p.activeWorkspaceId : undefined,
        },
        "request",
      );
    }
  });
  // CSP, HSTS over TLS, nosniff, Referrer-Policy, no framing (lib/security-headers.ts, decision 034)
  app.use("*", securityHeaders());
  // 1 MiB; judged from the headers when they tell, without building a web Request (lib/json-body.ts)
  app.use("/api/*", cheapBodyLimit());

  app.route("/api", healthRoutes(deps));
  app.route(
    "/api",
    docsRoutes(() => app),
  );
  app.route("/", metricsRoutes(deps));
  const v1 = new Hono<AppEnv>();
  v1.use("*", authenticate(deps.db));
  v1.use("*", rateLimit(deps.sql, { limitFor: deps.requestsPerHour ?? planRequestsPerHour(deps.db) }));
  // API calls per workspace and day (usage history): counted in memory, written in batches
  v1.use("*", async (c, next) => {
    const p = c.get("principal");
    if (p.kind === "api_key" || p.kind === "end_user" || p.kind === "client") recordUsage(p.workspaceId, "requests");
    await next();
  });
  v1.use("/workspaces/:workspace_id/*", checkPermission(deps));
  v1.route("/", accessRoutes(deps));
  v1.route("/", identityRoutes(deps));
  v1.route("/", tenancyRoutes(deps));
  v1.route("/", recordsRoutes(deps));
  v1.route("/", billingRoutes(deps));
  v1.route("/", integrationsRoutes(deps));
  v1.route("/", workflowsRoutes(deps));
  v1.route("/", crmRoutes(deps));
  v1.route("/", notificationsRoutes(deps));
  v1.route("/", portalRoutes(deps));
  v1.route("/", adminRoutes(deps));
  v1.route("/", adminOAuthAppRoutes(deps));
  app.route("/api/v1", v1);
  // before the workflows' /webhooks/{workspace_id}/{path}, so "meta" is not read as a workspace id
  app.route("/webhooks/meta", metaWebhookRoutes(deps));
  app.route("/webhooks/stripe", stripeWebhookRoutes(deps));
  app.route("/webhooks", webhookRoutes(deps));
  // gzip the front end (a third of the bytes); API answers are small and SSE must not be buffered
  app.use("*", async (c, next) => (c.req.path.startsWith("/api/") ? next() : compressStatic(c, next)));
  app.route("/", staticRoutes(deps.db));
  registerPermissions(app.routes);
  return app;
}
