/**
 * `POST /api/v1/leads/ingest`: a CRM client's website posts a lead with a lead-source key, either
 * `fetch` with `X-API-Key` and JSON, or a plain HTML form (urlencoded/multipart) carrying the key
 * in an `api_key` field (forms cannot set headers). CORS (Fetch standard) allows only the
 * client's configured website origins: a preflight names no key, so it is checked against every
 * CRM client's origins; the actual request against the key's own client. Each key is
 * rate-limited (rate-limiter-flexible, Postgres store; `LEAD_INGEST_RATE_LIMIT` per minute,
 * default 60). A repeated `lead_reference_id` answers the stored lead (200) and changes nothing.
 */
import { Hono, type Context } from "hono";
import { cors } from "hono/cors";
import { eq } from "drizzle-orm";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { AppEnv, Deps } from "../../lib/http";
import type { Database } from "../../db/client";
import { withLookup, withWorkspace } from "../../db/tenant";
import { describeRoute } from "../../lib/describe";
import { ingestLeadResponseSchema } from "@nhood/contracts";
import { DomainError, Forbidden, TooManyRequests, Unauthorized, ValidationFailed } from "../../lib/errors";
import { crmClients, leadIngestRateLimits } from "./schema";
import { resolveSourceKey, type ResolvedSource } from "./sources";
import { normaliseLead } from "./normalise";
import { createLead } from "./leads";

const limiters = new WeakMap<Database, RateLimiterDrizzle>();
function limiterFor(db: Database): RateLimiterDrizzle {
  let l = limiters.get(db);
  if (!l) {
    l = new RateLimiterDrizzle({
      storeClient: db,
      schema: leadIngestRateLimits,
      keyPrefix: "lead_source",
      points: Number(process.env.LEAD_INGEST_RATE_LIMIT ?? 60),
      duration: 60,
      clearExpiredByTimeout: false,
    });
    limiters.set(db, l);
  }
  return l;
}

type Body = Record<string, unknown>;
const bodies = new WeakMap<Request, Promise<Body>>();

/** The request body as an object (JSON or form), parsed once; garbage → 400/415 problems. */
function readBody(c: Context<AppEnv>): Promise<Body> {
  let p = bodies.get(c.req.raw);
  if (!p) {
    p = (async () => {
      const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (type === "application/json") {
        const parsed: unknown = await c.req.json().catch(() => {
          throw new ValidationFailed([{ pointer: "#", detail: "malformed JSON" }], "The body is not valid JSON.");
        });
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
          throw new ValidationFailed([{ pointer: "#", detail: "the body must be a JSON object" }]);
        return parsed as Body;
      }
      if (type === "application/x-www-form-urlencoded" || type === "multipart/form-data") {
        const form = await c.req.parseBody();
        return Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === "string")) as Body;
      }
      throw new DomainError(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        "Send application/json, application/x-www-form-urlencoded or multipart/form-data.",
      );
    })();
    bodies.set(c.req.raw, p);
  }
  return p;
}

async function keyOf(c: Context<AppEnv>): Promise<string | undefined> {
  const header = c.req.header("x-api-key");
  if (header) return header;
  const b = await readBody(c);
  return typeof b.api_key === "string" ? b.api_key : undefined;
}

const sources = new WeakMap<Request, Promise<ResolvedSource | null>>();
function sourceOf(db: Database, c: Context<AppEnv>): Promise<ResolvedSource | null> {
  let p = sources.get(c.req.raw);
  if (!p) {
    p = keyOf(c).then((k) => (k ? resolveSourceKey(db, k) : null));
    sources.set(c.req.raw, p);
  }
  return p;
}

/** True when some CRM client lists `origin` (a preflight carries no key). */
async function originKnown(db: Database, origin: string): Promise<boolean> {
  return withLookup(
    db,
    origin,
    async (tx) => (await tx.select({ id: crmClients.clientId }).from(crmClients).where(eq(crmClients.status, "active")).limit(1)).length > 0,
  );
}

export function ingestRoutes(deps: Deps) {
  const corsCheck = cors({
    origin: async (origin, c) => {
      if (!origin) return null;
      if (c.req.method === "OPTIONS") return (await originKnown(deps.db, origin)) ? origin : null;
      const s = await sourceOf(deps.db, c as Context<AppEnv>).catch(() => null);
      return s?.origins.includes(origin) ? origin : null;
    },
    allowMethods: ["POST"],
    allowHeaders: ["content-type", "x-api-key"],
    maxAge: 600,
  });
  return new Hono<AppEnv>().use("/leads/ingest", corsCheck).post(
    "/leads/ingest",
    describeRoute({
      summary: "Send a lead",
      tags: ["leads"],
      operationId: "ingestLead",
      security: "none",
      description:
        "A CRM client's website form or backend sends a lead with its lead-source key (`X-API-Key` header, or an `api_key` form field), as JSON or a form post. Known fields (name, e-mail, phone, source, product) are normalised; every field is kept in `raw_payload`. The same `lead_reference_id` twice answers the first lead (200, `created: false`). A browser form with a `_redirect` on one of the client's websites is sent there (303). A body that is neither JSON nor a form is a 415; a missing or revoked key is a 401; another website's origin or an inactive client a 403; too many leads from one source a 429.",
      requestExample: { name: "Ada Lovelace", email: "ada@example.com", phone: "+44 20 7946 0000", lead_reference_id: "form-42", utm_source: "newsletter" },
      responses: {
        201: { description: "A new lead", schema: ingestLeadResponseSchema },
        200: { description: "The lead with this lead_reference_id exists; nothing was added", schema: ingestLeadResponseSchema },
        303: { description: "A browser form's `_redirect`", headers: { Location: "the thank-you page on the client's website" } },
      },
      errors: [400, 401, 403, 413, 415, 429],
    }),
    async (c) => {
      const source = await sourceOf(deps.db, c);
      if (!source) throw new Unauthorized("Send a live lead-source key in `X-API-Key` (or an `api_key` form field).");
      const origin = c.req.header("origin");
      if (origin && origin !== "null" && !source.origins.includes(origin))
        throw new Forbidden(`The origin ${origin} is not one of this CRM client's websites.`);
      if (!source.clientActive) throw new Forbidden("This CRM client is inactive.");
      try {
        await limiterFor(deps.db).consume(source.id);
      } catch (e) {
        if (e instanceof RateLimiterRes) throw new TooManyRequests("This lead source sent too many leads; retry later.", Math.ceil(e.msBeforeNext / 1000));
        throw e;
      }
      const body = await readBody(c);
      const lead = normaliseLead(body);
      const { lead: row, created } = await withWorkspace(deps.db, source.workspaceId, (tx) =>
        createLead(tx, source.workspaceId, { ...lead, source: lead.source ?? "web_form", crmClientId: source.clientId }),
      );
      const redirect = typeof body._redirect === "string" ? safeRedirect(body._redirect, source.origins) : null;
      if (redirect) return c.redirect(redirect, 303);
      return c.json({ id: row.id, created, stage: row.stage }, created ? 201 : 200);
    },
  );
}

/** A form's `_redirect` target, only when it is on one of the client's own websites (no open redirect). */
function safeRedirect(target: string, origins: string[]): string | null {
  try {
    const u = new URL(target);
    return origins.includes(u.origin) ? u.toString() : null;
  } catch {
    return null;
  }
}
