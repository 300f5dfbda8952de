/**
 * Webhook triggers: `POST /webhooks/{workspace_id}/{path}` (mounted outside `/api/v1`: callers
 * are third parties, authenticated by the path and, when the trigger asks for it, a Standard
 * Webhooks signature made with the workspace's webhook secret).
 *
 * Answers `202 {"execution_id"}` only after the execution (with its payload) has committed: many
 * concurrent requests share that transaction (group commit, engine/group-commit.ts). A repeated
 * `Idempotency-Key` (or `webhook-id`) answers the same execution. Bodies over 256 KiB → 413; unknown path → 404; disabled workflow → 409;
 * a workspace with `NH_WORKSPACE_BACKLOG_LIMIT` executions waiting or running → 429 `workspace-backlog-full` with Retry-After (engine/admission.ts).
 */
import { type Context, Hono } from "hono";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import type { AppEnv, Deps } from "../../lib/http";
import { driverOf } from "../../db/tenant";
import { BadRequest, Conflict, DomainError, NotFound } from "../../lib/errors";
import { normalisePath } from "./service";
import { startedRow, type StartedRow } from "./engine/start";
import { type ResolveStarts, startResolvedGrouped } from "./engine/group-commit";
import { cachedVersion } from "./engine/versions";
import { admitExecutions, assertNotKnownFull, BacklogFull, backlogLimit } from "./engine/admission";
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

/** A webhook request waiting in the group commit for its checks (`resolveWebhookStarts`). */
interface WebhookRequest {
  path: string;
  payload: unknown;
  triggerKey: string | null;
  raw: string;
  /** the Standard Webhooks headers, for a trigger that verifies signatures */
  signature: Record<string, string>;
}

/**
 * The checks of a batch's webhook requests of one workspace, in the group commit's transaction
 * (engine/group-commit.ts): one round trip reads the workspace's state (403 workspace-suspended,
 * tenancy) and the workflows of every path in the batch, pipelined; the version comes from the
 * version cache, the webhook secret is read once per batch when a trigger verifies signatures.
 * Each request resolves to its execution row or to the error it is answered with.
 */
const resolveWebhookStarts: ResolveStarts<WebhookRequest> = async (tx, workspaceId, requests) => {
  const paths = [...new Set(requests.map((r) => r.path))];
  const [suspended, rows, admitted] = await Promise.all([
    assertWorkspaceActive(tx, workspaceId, true).then(
      () => null,
      (e: unknown) => {
        if (e instanceof DomainError) return e;
        throw e;
      },
    ),
    // constant SQL through the transaction's client: the hottest read of the ingress, not rebuilt by drizzle per batch
    driverOf(tx)!.unsafe<{ id: string; name: string; status: string; version: number; webhook_path: string }[]>(
      "select id, name, status, version, webhook_path from workflows where workspace_id = $1 and webhook_path = any($2::text[])",
      [workspaceId, paths],
    ),
    // the workspace's backlog against its limit (engine/admission.ts), in the same round trip
    admitExecutions(tx, workspaceId, requests.length),
  ]);
  if (suspended) return requests.map(() => suspended);
  let room = admitted;
  const byPath = new Map(rows.map((r) => [r.webhook_path, r]));
  let secret: string | undefined;
  const out: (StartedRow | Error)[] = [];
  for (const r of requests) {
    const wf = byPath.get(r.path);
    if (!wf) {
      out.push(new NotFound("webhook"));
      continue;
    }
    if (wf.status !== "active") {
      out.push(new Conflict(`The workflow "${wf.name}" is disabled.`));
      continue;
    }
    if (room-- <= 0) {
      out.push(new BacklogFull(backlogLimit()));
      continue;
    }
    const version = await cachedVersion(tx, wf.id, wf.version);
    const def = version.definition;
    if (def.trigger.type === "webhook" && def.trigger.verify_signature) {
      secret ??= await workspaceWebhookSecret(tx, workspaceId);
      try {
        new Webhook(secret).verify(r.raw, r.signature);
      } catch (e) {
        out.push(new InvalidSignature(e instanceof WebhookVerificationError ? e.message : "The signature could not be verified."));
        continue;
      }
    }
    out.push(
      startedRow(
        {
          workspaceId,
          workflowId: wf.id,
          version: wf.version,
          triggerType: "webhook",
          triggerKey: r.triggerKey,
          payload: r.payload,
          endUserId: typeof (r.payload as { end_user_id?: unknown })?.end_user_id === "string" ? (r.payload as { end_user_id: string }).end_user_id : null,
        },
        version.graph,
      ),
    );
  }
  return out;
};

const utf8 = new TextDecoder();

class PayloadTooLarge extends DomainError {
  constructor() {
    super(413, "payload-too-large", "Payload too large", `Webhook bodies are limited to ${WEBHOOK_BODY_LIMIT / 1024} KiB.`);
  }
}

/**
 * The request body as text, at most WEBHOOK_BODY_LIMIT bytes (PayloadTooLarge past it). Under the
 * Node server it reads the socket's `IncomingMessage` directly: going through `c.req.text()` makes
 * @hono/node-server build a full fetch `Request` (with a web stream and an AbortSignal) per
 * webhook, a tenth of the web process's CPU under load (decision 037; decision 036's
 * `readJsonBody` does the same for JSON API routes, but a webhook takes any content type and
 * needs the exact text for its signature).
 */
async function readBody(c: Context<AppEnv>): Promise<string> {
  const declared = c.req.header("content-length");
  if (declared !== undefined && !c.req.header("transfer-encoding") && Number(declared) > WEBHOOK_BODY_LIMIT) throw new PayloadTooLarge();
  const incoming = c.env?.incoming;
  if (!incoming || typeof incoming.on !== "function" || incoming.readableEnded) {
    const text = await c.req.text();
    if (Buffer.byteLength(text) > WEBHOOK_BODY_LIMIT) throw new PayloadTooLarge();
    return text;
  }
  const body = incoming;
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    body.on("data", (chunk: Buffer) => {
      if (over) return; // the rest is read and dropped, so the 413 can go out on this connection
      size += chunk.length;
      if (size > WEBHOOK_BODY_LIMIT) {
        over = true;
        reject(new PayloadTooLarge());
      } else chunks.push(chunk);
    });
    let ended = false;
    body.once("end", () => {
      ended = true;
      // decoded as fetch's text() did (UTF-8, a byte order mark dropped), so signatures and parsing see the same text
      resolve(utf8.decode(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    });
    body.once("error", reject);
    // "close" follows "end" on every request: an error (with its stack trace) only when the body was cut short
    body.once("close", () => {
      if (!ended && !over) reject(new BadRequest("The request body ended early."));
    });
  });
}

export function webhookRoutes(deps: Deps) {
  return new Hono<AppEnv>().post("/:workspace_id/*", describeRoute(docs.triggerWorkflowWebhook), async (c) => {
    const workspaceId = c.req.param("workspace_id");
    const path = normalisePath(decodeURIComponent(c.req.path.slice(c.req.path.indexOf(workspaceId) + workspaceId.length)));
    if (!UUID.test(workspaceId) || !path) throw new NotFound("webhook");
    const raw = await readBody(c);
    assertNotKnownFull(workspaceId); // after the body, so the 429 can go out on this connection
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
    // the checks and the insert run in the group commit's transaction (engine/group-commit.ts),
    // shared with the other webhooks waiting at that moment; the 202 goes out only after COMMIT
    const signature = Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, c.req.header(h) ?? ""]));
    const result = await startResolvedGrouped<WebhookRequest>(
      deps.db,
      workspaceId,
      { path, payload, triggerKey: key ? `webhook:${key}` : null, raw, signature },
      resolveWebhookStarts,
    );
    return c.json({ execution_id: result.id }, 202, result.created ? {} : { "idempotent-replayed": "true" });
  });
}
