/**
 * Event ingestion (seed 003 §5.3): `POST /events`, `POST /events/batch` (≤ 100), `GET /events/{id}`.
 * Evaluation is requested after the ingestion transaction commits (evaluator.ts). Single events
 * are stored by group commit (ingestion-group-commit.ts).
 */
import { Hono } from "hono";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { ingestBatchRequestSchema, ingestEventRequestSchema } from "@nhood/contracts";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { readJsonBody } from "../../lib/json-body";
import { withWorkspace } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { DEVELOPER_ROLES, type WorkspaceAccess } from "../identity";
import { requireOwnWorkspace } from "./access";
import { requestEvaluation } from "./evaluator";
import { ingestEvents, toIngestedEvent } from "./ingestion";
import { ingestEventGrouped } from "./ingestion-group-commit";
import { ingestedEvents } from "./schema";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs";
import { findFirst } from "../../db/find-first";

const idParam = z.object({ id: z.uuid() });
const access = { roles: DEVELOPER_ROLES, scope: "events" } as const;

/** Events sent with a test key (`nhood_sk_test_…`) are test events: the workflows they start run in the sandbox (decision 020). */
const keyMode = (a: WorkspaceAccess) => ({ test: a.principal.kind === "api_key" && a.principal.mode === "test" });

export function eventRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/events", describeRoute(docs.ingestEvent), readJsonBody(), validate("json", ingestEventRequestSchema), async (c) => {
      const a = await requireOwnWorkspace(deps, c, access);
      // stored with the workspace's other events of the moment, answered after their COMMIT (decision 036)
      const event = await ingestEventGrouped(deps.db, a.workspaceId, c.req.valid("json"), keyMode(a));
      return c.json(event, event.duplicate ? 200 : 202);
    })
    .post("/events/batch", describeRoute(docs.ingestEventBatch), readJsonBody(), validate("json", ingestBatchRequestSchema), async (c) => {
      const a = await requireOwnWorkspace(deps, c, access);
      const events = await withWorkspace(deps.db, a.workspaceId, (tx) => ingestEvents(tx, a.workspaceId, c.req.valid("json").events, "api", keyMode(a)));
      if (events.some((e) => !e.duplicate)) requestEvaluation(deps.db, a.workspaceId);
      return c.json({ items: events, accepted: events.filter((e) => !e.duplicate).length, duplicates: events.filter((e) => e.duplicate).length }, 202);
    })
    .get("/events/:id", describeRoute(docs.getEvent), validate("param", idParam), async (c) => {
      const a = await requireOwnWorkspace(deps, c, access);
      const row = await withWorkspace(deps.db, a.workspaceId, (tx) =>
        findFirst(tx, ingestedEvents, and(eq(ingestedEvents.id, c.req.valid("param").id), eq(ingestedEvents.workspaceId, a.workspaceId))),
      );
      if (!row) throw new NotFound("event");
      return c.json(toIngestedEvent(row));
    });
}
