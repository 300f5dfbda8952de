/**
 * Webhook triggers: `POST /webhooks/{workspace_id}/{path}` (mounted outside `/api/v1`: callers
 * are third parties, authenticated by the path and, when the trigger asks for it, a Standard
 * Webhooks signature made with the workspace's webhook secret).
 *
 * Answers `202 {"execution_id"}` only after the execution (with its payload) has committed: many
 * concurrent requests share that transaction (group commit, engine/group-commit.ts). A repeated
 * `Idempotency-Key` (or `webhook-id`) answers the same execution. Bodies over 256 KiB → 413; unknown path → 404; disabled workflow → 409.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import type { AppEnv, Deps } from "../../lib/http";
import { driverOf, withWorkspace } from "../../db/tenant";
import { BadRequest, Conflict, DomainError, NotFound } from "../../lib/errors";
import { problemResponse } from "../../lib/problem";
import { normalisePath } from "./service";
import { startedRow } from "./engine/start";
import { startGrouped } from "./engine/group-commit";
import { cachedVersion } from "./engine/versions";
import { assertWorkspaceActive, workspaceWebhookSecret } from "../tenancy";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs";

export const WEBHOOK_BODY_LIMIT = 256 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class InvalidSignature extends DomainError {
  constructor(detail: string) {
    super(401, "invalid-signature", "Invalid webhook signature", detail);
  }
}

export function webhookRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(
      "*",
      bodyLimit({
        maxSize: WEBHOOK_BODY_LIMIT,
        onError: (c) => problemResponse(c, 413, "payload-too-large", "Payload too large", `Webhook bodies are limited to ${WEBHOOK_BODY_LIMIT / 1024} KiB.`),
      }),
    )
    .post("/:workspace_id/*", describeRoute(docs.triggerWorkflowWebhook), async (c) => {
      const workspaceId = c.req.param("workspace_id");
      const path = normalisePath(decodeURIComponent(c.req.path.slice(c.req.path.indexOf(workspaceId) + workspaceId.length)));
      if (!UUID.test(workspaceId) || !path) throw new NotFound("webhook");
      const raw = await c.req.text();
      let payload: unknown = {};
      if (raw.length) {
        try {
          payload = JSON.parse(raw);
        } catch {
          throw new BadRequest("The body is not valid JSON.", [{ pointer: "#", detail: "malformed JSON" }]);
        }
      }
      const key = c.req.header("idempotency-key") ?? c.req.header("webhook-id");
      if (key && key.length > 200)
        throw new BadRequest("Idempotency-Key is longer than 200 characters.", [{ pointer: "#/headers/idempotency-key", detail: "at most 200 characters" }]);
      // the checks read in a transaction of their own; the execution is written by the group
      // commit (engine/group-commit.ts), and the 202 goes out only after that has committed
      const start = await withWorkspace(deps.db, workspaceId, async (tx) => {
        // one round trip: the workspace's state (403 workspace-suspended, tenancy) and the workflow,
        // pipelined on the transaction's connection
        const [, rows] = await Promise.all([
          assertWorkspaceActive(tx, workspaceId, true),
          // constant SQL through the transaction's client: the hottest read of the ingress, not rebuilt by drizzle per request
          driverOf(tx)!.unsafe<{ id: string; name: string; status: string; version: number }[]>(
            "select id, name, status, version from workflows where workspace_id = $1 and webhook_path = $2",
            [workspaceId, path],
          ),
        ]);
        const wf = rows[0];
        if (!wf) throw new NotFound("webhook");
        if (wf.status !== "active") throw new Conflict(`The workflow "${wf.name}" is disabled.`);
        const version = await cachedVersion(tx, wf.id, wf.version);
        const def = version.definition;
        if (def.trigger.type === "webhook" && def.trigger.verify_signature) {
          const secret = await workspaceWebhookSecret(tx, workspaceId);
          try {
            new Webhook(secret).verify(
              raw,
              Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, c.req.header(h) ?? ""])),
            );
          } catch (e) {
            throw new InvalidSignature(e instanceof WebhookVerificationError ? e.message : "The signature could not be verified.");
          }
        }
        return startedRow(
          {
            workspaceId,
            workflowId: wf.id,
            version: wf.version,
            triggerType: "webhook",
            triggerKey: key ? `webhook:${key}` : null,
            payload,
            endUserId: typeof (payload as { end_user_id?: unknown })?.end_user_id === "string" ? (payload as { end_user_id: string }).end_user_id : null,
          },
          version.graph,
        );
      });
      const result = await startGrouped(deps.db, start);
      return c.json({ execution_id: result.id }, 202, result.created ? {} : { "idempotent-replayed": "true" });
    });
}
