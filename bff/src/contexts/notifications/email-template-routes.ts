/**
 * The project portal's e-mail preview (issue 15 part 6): `GET /workspaces/{id}/email-templates/{kind}/preview`
 * answers the subject, HTML and plain-text parts of an e-mail of `kind`, rendered with sample data
 * and the workspace's branding, exactly as the senders render real ones (email-templates.tsx).
 */
import { Hono } from "hono";
import { z } from "zod";
import { emailTemplateKindSchema } from "@nhood/contracts/email-templates";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { withWorkspace } from "../../db/tenant";
import { describeRoute } from "../../lib/describe";
import { ALL_ROLES, requireWorkspace } from "../identity";
import { getBranding } from "../tenancy";
import { previewEmail } from "./email-templates";
import * as docs from "./route-docs-email";

const params = z.object({ workspace_id: z.string(), kind: emailTemplateKindSchema });

export function emailTemplateRoutes(deps: Deps) {
  return new Hono<AppEnv>().get(
    "/workspaces/:workspace_id/email-templates/:kind/preview",
    describeRoute(docs.previewEmailTemplate),
    validate("param", params),
    async (c) => {
      const { workspace_id, kind } = c.req.valid("param");
      const a = await requireWorkspace(deps, c, workspace_id, { roles: ALL_ROLES });
      const branding = await withWorkspace(deps.db, a.workspaceId, (tx) => getBranding(tx, a.workspaceId));
      return c.json(await previewEmail(kind, branding));
    },
  );
}
