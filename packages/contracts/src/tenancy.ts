import { z } from "zod";
import { emailSchema, passwordSchema } from "./identity";
import { logoUrlSchema } from "./records";

export const plans = ["free", "starter", "professional", "enterprise"] as const;
export const planSchema = z.enum(plans);
export type Plan = z.infer<typeof planSchema>;

/**
 * Self-service sign-up (seed 001 quick start). `plan` is a plan id from `GET /api/v1/plans`
 * (default `free`); an unknown one is a 400 on `#/plan` (checked against the plans table).
 */
export const createWorkspaceRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  email: emailSchema,
  password: passwordSchema,
  /** the owner's name (default: the e-mail's local part) */
  owner_name: z.string().trim().min(1).max(100).optional(),
  plan: z.string().trim().min(1).max(40).optional(),
});
export type CreateWorkspaceRequest = z.input<typeof createWorkspaceRequestSchema>;

/** The API key and webhook secret are shown this once. */
export const createWorkspaceResponseSchema = z.object({
  workspace_id: z.uuid(),
  api_key: z.string(),
  webhook_secret: z.string(),
  /** the plan the workspace is on now (a paid plan while its trial runs) */
  plan: z.string().optional(),
  /** `trialing` while a paid plan's trial runs, else `active` */
  subscription_status: z.enum(["active", "trialing", "checkout_required"]).optional(),
  /** end of the trial (ISO 8601), or null */
  trial_ends_at: z.string().nullable().optional(),
  /** a payment page to open (billing on, paid plan), or null */
  checkout_url: z.string().nullable().optional(),
  /** whether the verification e-mail went out over SMTP */
  verification_sent: z.boolean().optional(),
});
export type CreateWorkspaceResponse = z.infer<typeof createWorkspaceResponseSchema>;

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a #rrggbb colour");

/**
 * A DNS host name (RFC 1123 §2.1 labels: letters, digits and inner hyphens, 1–63 characters,
 * 253 in all), at least two labels, the last starting with a letter (so never an IP address).
 */
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A workspace's custom domain (seed 003 §12.1, e.g. `notify.acme.example`): trimmed,
 * lower-cased, a trailing dot dropped; no scheme, port or path.
 */
export const customDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/\.$/, ""))
  .pipe(z.string().regex(HOSTNAME, "must be a host name such as notify.example.com (no scheme, port or path)"));

/** A workspace's public branding (also what its custom domain shows before sign-in). */
export const brandingSchema = z.object({
  display_name: z.string(),
  logo_url: z.string().nullable(),
  primary_color: z.string(),
  /** the host name that serves this workspace's branded portal, or null */
  custom_domain: z.string().nullable(),
});
export type Branding = z.infer<typeof brandingSchema>;

/**
 * Where a custom domain stands (decision 034): `pending` until the workspace proves it controls
 * the domain — a DNS TXT record `txt_name` = `txt_value`, or `http_url` answering `http_body` —
 * and only `verified` domains are served. A pending claim may be taken over by another workspace
 * after `takeover_after`.
 */
export const customDomainVerificationSchema = z.object({
  status: z.enum(["pending", "verified"]),
  /** how it was proven; `grandfathered`: set before proofs existed (migration 0039) */
  verified_by: z.enum(["dns", "http", "grandfathered"]).nullable(),
  claimed_at: z.string(),
  verified_at: z.string().nullable(),
  /** pending only: from then on another workspace's claim of the domain releases this one */
  takeover_after: z.string().nullable(),
  txt_name: z.string(),
  txt_value: z.string(),
  http_url: z.string(),
  http_body: z.string(),
});
export type CustomDomainVerification = z.infer<typeof customDomainVerificationSchema>;

/** The branding settings as members see them: plus whether the plan allows a custom domain, and its proof. */
export const workspaceBrandingSchema = brandingSchema.extend({
  custom_domain_allowed: z.boolean(),
  /** null when no custom domain is set */
  custom_domain_verification: customDomainVerificationSchema.nullable(),
});
export type WorkspaceBranding = z.infer<typeof workspaceBrandingSchema>;

export const updateBrandingRequestSchema = z.object({
  display_name: z.string().trim().min(1).max(100).optional(),
  /** an http(s) URL or a path the suite serves (`/brand/…`, `/api/v1/logos/…`): what GET answers goes back unchanged */
  logo_url: logoUrlSchema.nullable().optional(),
  primary_color: hexColour.optional(),
  /** null removes it; only plans with `custom_domain` may set one, and it must be free */
  custom_domain: customDomainSchema.nullable().optional(),
});
export type UpdateBrandingRequest = z.input<typeof updateBrandingRequestSchema>;

/** Who gets the workspace's billing e-mail (quota warnings, seed 003 §9.2); null: its owners. */
export const billingContactSchema = z.object({
  billing_email: z.string().nullable(),
  /** the addresses quota warnings go to now: the billing e-mail, or else the owners' */
  recipients: z.array(z.string()),
});
export type BillingContact = z.infer<typeof billingContactSchema>;

export const updateBillingContactRequestSchema = z.object({
  /** null: send to the workspace's owners */
  billing_email: emailSchema.nullable(),
});
export type UpdateBillingContactRequest = z.input<typeof updateBillingContactRequestSchema>;

export const workspaceSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  plan: planSchema,
  status: z.enum(["active", "suspended"]),
  member_count: z.number().int(),
  created_at: z.string(),
});
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>;
