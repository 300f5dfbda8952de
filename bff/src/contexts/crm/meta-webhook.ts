/**
 * The Meta lead-ads webhook, mounted at `/webhooks/meta` (outside `/api/v1`: Meta calls it).
 * - `GET`: the subscription handshake (Meta Webhooks "Verification Requests"): answers
 *   `hub.challenge` as text when `hub.mode=subscribe` and `hub.verify_token` is the platform's or
 *   a workspace's verify token; 403 otherwise.
 * - `POST`: "Event Notifications" for `object: "page"`, field `leadgen`. The raw body must carry
 *   `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`,
 *   compared in constant time against the app secret of the workspace each page maps to (or the
 *   platform app's). A missing signature is 401, a wrong one 403, and nothing is stored. Each
 *   `leadgen_id` of a mapped page becomes one `crm.fetch_meta_lead` job (job key per lead, and
 *   the leads' unique index make Meta's retries harmless); unknown pages are ignored.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createHmac } from "node:crypto";
import type { AppEnv, Deps } from "../../lib/http";
import { withWorkspace } from "../../db/tenant";
import { describeRoute } from "../../lib/describe";
import { metaWebhookResultSchema } from "@nhood/contracts";
import { BadRequest, DomainError, Forbidden, Unauthorized } from "../../lib/errors";
import { safeEqual } from "../../lib/secrets";
import { enqueueJob } from "../../kernel/jobs";
import { FETCH_META_LEAD_JOB } from "./jobs";
import { mappingFor, metaCredentials, verifyTokenKnown, type PageMapping } from "./meta-settings";

interface LeadgenChange {
  leadgen_id: string;
  page_id: string;
  form_id: string | null;
}

/** The leadgen changes of a Meta page notification; BadRequest when the body is not one. */
export function leadgenChanges(body: unknown): LeadgenChange[] {
  const b = body as { object?: unknown; entry?: unknown };
  if (!b || typeof b !== "object" || b.object !== "page" || !Array.isArray(b.entry)) {
    throw new BadRequest('Expected a Meta page notification: { object: "page", entry: [...] }.', [{ pointer: "#/object", detail: 'must be "page"' }]);
  }
  const out: LeadgenChange[] = [];
  for (const entry of b.entry as { id?: unknown; changes?: unknown }[]) {
    for (const ch of Array.isArray(entry?.changes) ? (entry.changes as { field?: unknown; value?: Record<string, unknown> }[]) : []) {
      const v = ch?.value;
      if (ch?.field !== "leadgen" || !v || v.leadgen_id == null) continue;
      out.push({ leadgen_id: String(v.leadgen_id), page_id: String(v.page_id ?? entry.id ?? ""), form_id: v.form_id == null ? null : String(v.form_id) });
    }
  }
  return out;
}

/** `sha256=<hex>` for `raw` under `secret` (what Meta sends in X-Hub-Signature-256). */
export function metaSignature(raw: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(raw, "utf8").digest("hex")}`;
}

export function metaWebhookRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(
      "*",
      bodyLimit({
        maxSize: 1024 * 1024,
        onError: () => {
          throw new DomainError(413, "payload-too-large", "Payload too large", "The body is larger than 1 MiB.");
        },
      }),
    )
    .get(
      "/",
      describeRoute({
        summary: "Verify the Meta webhook subscription",
        tags: ["meta"],
        operationId: "verifyMetaWebhook",
        security: "none",
        description:
          "Meta's subscription handshake: with `hub.mode=subscribe` and a `hub.verify_token` that is the platform's or a workspace's verify token, answers `hub.challenge` as text; otherwise 403.",
        responses: { 200: { description: "The challenge, echoed", contentType: "text/plain" } },
        errors: [403],
      }),
      async (c) => {
        const mode = c.req.query("hub.mode");
        const token = c.req.query("hub.verify_token");
        const challenge = c.req.query("hub.challenge");
        if (mode !== "subscribe" || !token || !challenge || !(await verifyTokenKnown(deps.db, token))) {
          throw new Forbidden("The verify token does not match.");
        }
        return c.text(challenge, 200);
      },
    )
    .post(
      "/",
      describeRoute({
        summary: "Receive Meta lead-ads notifications",
        tags: ["meta"],
        operationId: "receiveMetaWebhook",
        security: "none",
        description:
          "Meta posts `leadgen` changes of a page. The body must be signed (`X-Hub-Signature-256`, HMAC-SHA256 with the app secret of the workspace the page maps to, or the platform app's): missing is 401, wrong is 403, and nothing is stored. Each lead of a mapped page is fetched from Meta by a background job; changes of unmapped pages are ignored.",
        responses: { 200: { description: "What was queued and what was ignored", schema: metaWebhookResultSchema } },
        errors: [400, 401, 403, 413],
      }),
      async (c) => {
        const raw = await c.req.text();
        const signature = c.req.header("x-hub-signature-256");
        if (!signature) throw new Unauthorized("Missing X-Hub-Signature-256.");
        let body: unknown;
        try {
          body = JSON.parse(raw);
        } catch {
          throw new BadRequest("The body is not valid JSON.", [{ pointer: "#", detail: "malformed JSON" }]);
        }
        const changes = leadgenChanges(body);
        const platformOk = Boolean(process.env.META_APP_SECRET) && safeEqual(signature, metaSignature(raw, process.env.META_APP_SECRET!));
        const accepted: (LeadgenChange & PageMapping)[] = [];
        let ignored = 0;
        for (const ch of changes) {
          const mapping = await mappingFor(deps.db, ch.page_id, ch.form_id);
          if (!mapping) {
            ignored += 1;
            continue;
          }
          const { appSecret } = await metaCredentials(deps.db, mapping.workspaceId);
          if (!appSecret || !safeEqual(signature, metaSignature(raw, appSecret))) throw new Forbidden("X-Hub-Signature-256 does not match the app secret.");
          accepted.push({ ...ch, ...mapping });
        }
        if (!accepted.length && !platformOk) throw new Forbidden("X-Hub-Signature-256 does not match the app secret.");
        for (const a of accepted) {
          await withWorkspace(deps.db, a.workspaceId, (tx) =>
            enqueueJob(tx, FETCH_META_LEAD_JOB, {
              workspace_id: a.workspaceId,
              client_id: a.clientId,
              leadgen_id: a.leadgen_id,
              page_id: a.page_id,
              form_id: a.form_id,
            }),
          );
        }
        return c.json({ accepted: accepted.length, ignored });
      },
    );
}
