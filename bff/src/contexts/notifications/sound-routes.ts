/** Sounds (seed 003 §5.9): `POST /sounds` (multipart: `file`, `name`), list, delete, and the file. */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { ValidationFailed } from "../../lib/errors";
import { ALL_ROLES, DEVELOPER_ROLES } from "../identity";
import { requireOwnWorkspace } from "./access";
import { deleteSound, listSounds, soundFile, uploadSound } from "./sounds";
import { describeRoute } from "../../lib/describe";
import * as docs from "./route-docs-rules";

const idParam = z.object({ id: z.uuid() });

export function soundRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get("/sounds", describeRoute(docs.listSounds), async (c) => {
      const a = await requireOwnWorkspace(deps, c, { roles: ALL_ROLES, scope: "events" });
      return c.json({ items: await withWorkspace(db, a.workspaceId, (tx) => listSounds(tx, a.workspaceId)) });
    })
    .post("/sounds", describeRoute(docs.uploadSound), async (c) => {
      const a = await requireOwnWorkspace(deps, c, { roles: DEVELOPER_ROLES });
      if (!(c.req.header("content-type") ?? "").startsWith("multipart/form-data")) {
        throw new ValidationFailed([{ pointer: "#/header/content-type", detail: "send multipart/form-data with a `file` field" }]);
      }
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) throw new ValidationFailed([{ pointer: "#/file", detail: "required: an audio file" }]);
      const name = (typeof form.name === "string" && form.name.trim() ? form.name : file.name || "sound").trim().slice(0, 100);
      const bytes = Buffer.from(await file.arrayBuffer());
      return c.json(await withWorkspace(db, a.workspaceId, (tx) => uploadSound(tx, a.workspaceId, name, bytes)), 201);
    })
    .get("/sounds/:id/file", describeRoute(docs.getSoundFile), validate("param", idParam), async (c) => {
      const a = await requireOwnWorkspace(deps, c, { roles: ALL_ROLES, scope: "events" });
      const s = await withWorkspace(db, a.workspaceId, (tx) => soundFile(tx, a.workspaceId, c.req.valid("param").id));
      return c.body(new Uint8Array(s.data), 200, {
        "content-type": s.mimeType,
        "cache-control": "private, max-age=86400",
        "x-content-type-options": "nosniff",
      });
    })
    .delete("/sounds/:id", describeRoute(docs.deleteSound), validate("param", idParam), async (c) => {
      const a = await requireOwnWorkspace(deps, c, { roles: DEVELOPER_ROLES });
      await withWorkspace(db, a.workspaceId, (tx) => deleteSound(tx, a.workspaceId, c.req.valid("param").id));
      return c.body(null, 204);
    });
}
