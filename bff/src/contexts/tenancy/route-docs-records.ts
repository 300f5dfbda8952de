/** Route docs of a workspace's own records (issue 16 parts 3–4): project, audit log, usage history, logo. */
import { page, projectSchema, usageHistorySchema, workspaceAuditEntrySchema, workspaceBrandingSchema } from "@nhood/contracts";
import type { RouteDoc } from "../../lib/describe";

const WS = "11111111-1111-4111-8111-111111111111";
const project = {
  id: WS,
  name: "Acme",
  plan: "professional",
  status: "active",
  branding: { display_name: "Acme", logo_url: `/api/v1/logos/${WS}/3f2a9c0d1e4b5a67.svg`, primary_color: "#0f766e", custom_domain: null },
  billing_email: "billing@acme.example",
  test_mode: false,
  quotas: { events_per_month: 100000, notifications_per_month: 500000, users: 50 },
  created_at: "2026-11-02T09:30:00.000Z",
};
const entry = {
  id: "22222222-2222-4222-8222-222222222222",
  action: "rule.created",
  actor_kind: "user",
  actor_id: "33333333-3333-4333-8333-333333333333",
  actor_name: "Ada Owner <owner@acme.example>",
  subject_id: "44444444-4444-4444-8444-444444444444",
  detail: { name: "Hot leads" },
  ip: "203.0.113.7",
  occurred_at: "2026-12-07T10:15:00.000Z",
};
const branding = {
  display_name: "Acme",
  logo_url: `/api/v1/logos/${WS}/3f2a9c0d1e4b5a67.png`,
  primary_color: "#0f766e",
  custom_domain: null,
  custom_domain_allowed: true,
  custom_domain_verification: null,
};

export const getProject: RouteDoc = {
  summary: "Read your project",
  operationId: "getProject",
  tags: ["workspaces"],
  security: "any",
  description:
    "Seed 003 §5.2. An API key (scope `events`) or any signed-in member reads its own workspace's record: name, plan, status, branding, billing e-mail, Test mode and the plan's monthly quotas.",
  responses: { 200: { description: "The workspace's record", schema: projectSchema, example: project } },
  errors: [401, 403, 404, 429],
};

export const updateProject: RouteDoc = {
  summary: "Change your project",
  operationId: "updateProject",
  tags: ["workspaces"],
  security: "any",
  description:
    "Seed 003 §5.2. An API key (scope `events`) or an owner or admin changes the given fields: `name`, `display_name`, `logo_url` (an http(s) URL or a path the suite serves, such as the `logo_url` `GET` answers), `primary_color` (`#rrggbb`), `billing_email` (null: the owners). A bad field answers 400 naming it (`#/primary_color`…); every change is audited.",
  requestExample: { name: "Acme Corp", primary_color: "#0055ff", logo_url: "/brand/acme-logo.svg" },
  responses: { 200: { description: "The record after the change", schema: projectSchema, example: project } },
  errors: [400, 401, 403, 404, 429],
};

export const listAudit: RouteDoc = {
  summary: "Search your workspace's audit log",
  operationId: "listWorkspaceAudit",
  tags: ["workspaces"],
  security: "session",
  description:
    "Owners and admins read their workspace's own audit log — sign-ins, API key, rule, workflow, member, branding and plan changes — newest first, filtered by `actor_id`, `action` (exact, or a prefix ending in `.` such as `rule.`), `target` (the subject id) and `from`/`to` (ISO 8601, `to` exclusive); pass `next_cursor` back as `cursor`. Only this workspace's rows: never another workspace's, never the platform's own.",
  responses: { 200: { description: "A page of audit entries", schema: page(workspaceAuditEntrySchema), example: { items: [entry], next_cursor: null } } },
  errors: [400, 401, 403, 404, 429],
};

export const exportAudit: RouteDoc = {
  summary: "Export your workspace's audit log",
  operationId: "exportWorkspaceAudit",
  tags: ["workspaces"],
  security: "session",
  description:
    "Owners and admins download every entry matching the same filters as CSV (RFC 4180, formula cells defused), streamed, newest first, up to 100,000 rows. The export itself is audited (`audit.exported`).",
  responses: {
    200: {
      description: "The entries (a file download)",
      contentType: "text/csv",
      headers: { "Content-Disposition": 'attachment; filename="audit-<time>.csv"' },
    },
  },
  errors: [400, 401, 403, 404, 429],
};

export const usageHistory: RouteDoc = {
  summary: "Read your daily usage history",
  operationId: "getUsageHistory",
  tags: ["workspaces"],
  security: "session",
  description:
    "Any member reads the last `days` (1–90, default 30) UTC days of the workspace's usage: events, notifications, workflow executions and API calls (requests with an API key or from the client SDK), oldest first, zero-filled. Executions and API calls are written in batches every few seconds, so today's figures trail by up to 5 s.",
  responses: {
    200: {
      description: "One row per day",
      schema: usageHistorySchema,
      example: { items: [{ day: "2026-12-07", events: 120, notifications: 340, executions: 42, api_calls: 515 }], kept_days: 400 },
    },
  },
  errors: [400, 401, 403, 404, 429],
};

export const uploadLogo: RouteDoc = {
  summary: "Upload the workspace logo",
  operationId: "uploadLogo",
  tags: ["branding"],
  security: "session",
  description:
    "Seed 003 §12.1. Owners and admins upload a logo: multipart/form-data with a `file` field, or the raw bytes as the body. PNG, WebP or SVG up to 512 KiB, recognised by its content (never its name); an SVG is sanitised (scripts, event handlers, styles, links and external references removed). It is stored by the suite and becomes the branding's `logo_url` (`/api/v1/logos/{workspace_id}/{hash}.{ext}`). Another type answers 400 and a larger file 413, both naming `#/file`.",
  responses: { 200: { description: "The branding with the new logo", schema: workspaceBrandingSchema, example: branding } },
  errors: [400, 401, 403, 404, 413, 429],
};

export const deleteLogo: RouteDoc = {
  summary: "Remove the uploaded logo",
  operationId: "deleteLogo",
  tags: ["branding"],
  security: "session",
  description: "Owners and admins remove the uploaded logo; the branding's `logo_url` is cleared if it pointed at it. No uploaded logo answers 404.",
  responses: { 200: { description: "The branding after the change", schema: workspaceBrandingSchema, example: { ...branding, logo_url: null } } },
  errors: [401, 403, 404, 429],
};

export const getLogo: RouteDoc = {
  summary: "Download a workspace logo",
  operationId: "getLogo",
  tags: ["branding"],
  security: "none",
  description:
    "Anyone may read it (a branded sign-in page shows it before anyone signs in): the workspace's current uploaded logo under the name its branding gives, with its type, `Cache-Control: public, max-age=31536000, immutable` (the name changes with the content), `X-Content-Type-Options: nosniff`, and for SVG a `Content-Security-Policy` that forbids scripts and every load. An old or unknown name answers 404.",
  responses: { 200: { description: "The logo (PNG, WebP or SVG)", contentType: "image/*" } },
  errors: [404],
};
