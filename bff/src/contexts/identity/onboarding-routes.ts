/**
 * Identity's onboarding routes (issue 16 part 1, decision 031): e-mail verification and
 * invitations. Mounted by routes.ts.
 */
import { Hono } from "hono";
import { z } from "zod";
import {
  acceptInvitationRequestSchema,
  acceptedInvitationSchema,
  createInvitationRequestSchema,
  createdInvitationSchema,
  emailVerifiedSchema,
  invitationListSchema,
  invitationPreviewSchema,
  invitationSchema,
  verificationSentSchema,
  verifyEmailRequestSchema,
} from "@nhood/contracts/onboarding";
import type { AppEnv, Deps } from "../../lib/http";
import { validate } from "../../lib/validate";
import { describeRoute } from "../../lib/describe";
import { withWorkspace } from "../../db/tenant";
import { ADMIN_ROLES, requireUser, requireWorkspace } from "./guards";
import { assertEmailVerified, resendVerification, verifyEmail } from "./verification";
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation, sendInvitationMail } from "./invitations";
import { workspaceGate } from "./workspace-gate";

const wsParam = z.object({ workspace_id: z.string() });
const invitationParam = wsParam.extend({ invitation_id: z.uuid() });
const tokenBody = z.object({ token: z.string().min(16).max(200) });
const WS = "0b7c3f52-6a1e-4d8b-9c2f-5e4a3b2c1d0e";
const INVITATION = {
  id: "6f1e2d3c-4b5a-4968-8776-655443322110",
  email: "sam@acme.example",
  role: "developer",
  status: "pending",
  expires_at: "2026-12-14T09:30:00.000Z",
  created_at: "2026-12-07T09:30:00.000Z",
} as const;

export function onboardingRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .post(
      "/auth/verify-email",
      describeRoute({
        summary: "Verify an e-mail address",
        tags: ["auth"],
        operationId: "verifyEmail",
        security: "none",
        description:
          "Anyone with the link e-mailed at sign-up verifies that address: the token works once and expires (48 hours by default). A used, expired or unknown token is a 400 on `#/token`.",
        requestExample: { token: "q3Zb0m6v1p9XkYwJ2hD8rT4sLfN7aGcE5uVxWyZo1Ab" },
        responses: { 200: { description: "The address is verified", schema: emailVerifiedSchema, example: { email: "owner@acme.example", verified: true } } },
        errors: [400, 429],
      }),
      validate("json", verifyEmailRequestSchema),
      async (c) => {
        const done = await verifyEmail(db, c.req.valid("json").token);
        return c.json({ email: done.email, verified: true as const });
      },
    )
    .post(
      "/auth/verify-email/resend",
      describeRoute({
        summary: "Send the verification e-mail again",
        tags: ["auth"],
        operationId: "resendVerificationEmail",
        security: "session",
        description:
          "The signed-in person gets a new verification link by e-mail (earlier links keep working until they expire). `sent` is false when the address is verified already or the e-mail could not be sent.",
        responses: { 200: { description: "Whether an e-mail went out", schema: verificationSentSchema, example: { sent: true } } },
        errors: [401, 429],
      }),
      async (c) => {
        const p = requireUser(c);
        return c.json(await resendVerification(db, p.userId));
      },
    )
    .get(
      "/workspaces/:workspace_id/invitations",
      describeRoute({
        summary: "List invitations",
        tags: ["members"],
        operationId: "listInvitations",
        security: "session",
        description: "Owners and admins see the workspace's invitations, newest first, each pending, accepted, revoked or expired.",
        responses: { 200: { description: "The invitations", schema: invitationListSchema, example: { items: [INVITATION] } } },
      }),
      validate("param", wsParam),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
        return c.json({ items: await withWorkspace(db, a.workspaceId, (tx) => listInvitations(tx, a.workspaceId)) });
      },
    )
    .post(
      "/workspaces/:workspace_id/invitations",
      describeRoute({
        summary: "Invite a teammate",
        tags: ["members"],
        operationId: "createInvitation",
        security: "session",
        description:
          "Owners and admins with a verified e-mail (403 `email-unverified` before) invite a person by e-mail with a role below owner. The e-mail holds a link that works once and expires (7 days by default); inviting the same address again revokes the earlier link. A person who is a member already is a 409. `email_sent` says whether the SMTP server took the e-mail.",
        requestExample: { email: "sam@acme.example", role: "developer" },
        responses: { 201: { description: "The invitation", schema: createdInvitationSchema, example: { ...INVITATION, email_sent: true } } },
        errors: [400, 401, 403, 404, 409, 429],
      }),
      validate("param", wsParam),
      validate("json", createInvitationRequestSchema),
      async (c) => {
        const a = await requireWorkspace(deps, c, c.req.valid("param").workspace_id, { roles: ADMIN_ROLES });
        const p = requireUser(c);
        await assertEmailVerified(db, p.userId);
        const made = await withWorkspace(db, a.workspaceId, async (tx) => {
          const created = await createInvitation(tx, a.workspaceId, c.req.valid("json"), p.userId);
          const names = await workspaceGate().namesOf(tx, [a.workspaceId]);
          return { ...created, workspaceName: names.get(a.workspaceId) ?? "a workspace" };
        });
        const sent = await sendInvitationMail(made.invitation.email, made.link, made.workspaceName, p.name, made.invitation.role);
        return c.json({ ...made.invitation, email_sent: sent }, 201);
      },
    )
    .delete(
      "/workspaces/:workspace_id/invitations/:invitation_id",
      describeRoute({
        summary: "Revoke an invitation",
        tags: ["members"],
        operationId: "revokeInvitation",
        security: "session",
        description:
          "Owners and admins revoke a pending invitation: its link stops working at once. Another workspace's invitation is a 404; one no longer pending a 409.",
        responses: { 200: { description: "The revoked invitation", schema: invitationSchema, example: { ...INVITATION, status: "revoked" } } },
        errors: [400, 401, 403, 404, 409, 429],
      }),
      validate("param", invitationParam),
      async (c) => {
        const { workspace_id, invitation_id } = c.req.valid("param");
        const a = await requireWorkspace(deps, c, workspace_id, { roles: ADMIN_ROLES });
        return c.json(await withWorkspace(db, a.workspaceId, (tx) => revokeInvitation(tx, a.workspaceId, invitation_id)));
      },
    )
    .post(
      "/invitations/preview",
      describeRoute({
        summary: "Read an invitation by its link",
        tags: ["members"],
        operationId: "previewInvitation",
        security: "none",
        description:
          "Anyone with the link reads what it is for: the workspace, the invited address, the role and whether that address has an account already. An unknown token is a 404; an accepted, revoked or expired one a 410.",
        requestExample: { token: "q3Zb0m6v1p9XkYwJ2hD8rT4sLfN7aGcE5uVxWyZo1Ab" },
        responses: {
          200: {
            description: "The invitation",
            schema: invitationPreviewSchema,
            example: { workspace_name: "Acme", email: "sam@acme.example", role: "developer", account_exists: false, expires_at: INVITATION.expires_at },
          },
        },
        errors: [400, 404, 410, 429],
      }),
      validate("json", tokenBody),
      async (c) => c.json(await previewInvitation(db, c.req.valid("json").token)),
    )
    .post(
      "/invitations/accept",
      describeRoute({
        summary: "Accept an invitation",
        tags: ["members"],
        operationId: "acceptInvitation",
        security: "none",
        description:
          "Anyone with the link accepts it once: a new account is created with this password (and name), or an existing account must give its own password (401). The membership is added with the invited role (403 when the plan's users quota is full) and the address counts as verified. Then sign in with the e-mail and password. Unknown token: 404; accepted, revoked or expired: 410.",
        requestExample: { token: "q3Zb0m6v1p9XkYwJ2hD8rT4sLfN7aGcE5uVxWyZo1Ab", name: "Sam Developer", password: "a long enough password" },
        responses: {
          200: {
            description: "The membership is added",
            schema: acceptedInvitationSchema,
            example: { email: "sam@acme.example", workspace_id: WS },
          },
        },
        errors: [400, 401, 403, 404, 410, 429],
      }),
      validate("json", acceptInvitationRequestSchema),
      async (c) => {
        const { token, ...rest } = c.req.valid("json");
        return c.json(await acceptInvitation(db, token, rest));
      },
    );
}
