import { z } from "zod";

/** Roles a member holds in one workspace. */
export const workspaceRoles = ["owner", "admin", "developer", "sales_manager", "sales_rep", "member"] as const;
export const workspaceRoleSchema = z.enum(workspaceRoles);
export type WorkspaceRole = z.infer<typeof workspaceRoleSchema>;

/** Roles of NeighbourHood's own staff (admin portal). */
export const platformRoles = ["super_admin", "support", "billing"] as const;
export const platformRoleSchema = z.enum(platformRoles);
export type PlatformRole = z.infer<typeof platformRoleSchema>;

/** Passwords: 12 to 256 characters (OWASP ASVS 5.0 6.2.1 minimum length, bounded for hashing cost). */
export const passwordSchema = z.string().min(12, "must be at least 12 characters").max(256);
export const emailSchema = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());

export const loginRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

export const membershipSchema = z.object({
  workspace_id: z.uuid(),
  workspace_name: z.string(),
  role: workspaceRoleSchema,
});
export type Membership = z.infer<typeof membershipSchema>;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  platform_role: platformRoleSchema.nullable(),
  memberships: z.array(membershipSchema),
  /** false until the person opened the verification link e-mailed at sign-up (decision 031) */
  email_verified: z.boolean().optional(),
});
export type User = z.infer<typeof userSchema>;

/** Answer of sign-in and refresh; the same tokens are also set as httpOnly cookies. */
export const sessionResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal("Bearer"),
  /** seconds until the access token expires */
  expires_in: z.number().int(),
  user: userSchema,
  workspace_id: z.uuid().nullable(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const endUserSchema = z.object({
  id: z.uuid(),
  external_user_id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  created_at: z.string(),
});
export type EndUser = z.infer<typeof endUserSchema>;

/** Who is calling: a person (with their active workspace) or an end user in a connect session. */
export const meSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("user"),
    user: userSchema,
    workspace: z.object({ id: z.uuid(), name: z.string(), role: workspaceRoleSchema }).nullable(),
  }),
  z.object({
    kind: z.literal("end_user"),
    end_user: endUserSchema,
    workspace: z.object({ id: z.uuid(), name: z.string() }),
  }),
]);
export type Me = z.infer<typeof meSchema>;

export const switchWorkspaceRequestSchema = z.object({ workspace_id: z.uuid() });

export const apiKeyScopes = ["workflows", "webhooks", "integrations", "events", "leads", "end_users"] as const;
export const apiKeyScopeSchema = z.enum(apiKeyScopes);

export const createApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z
    .array(apiKeyScopeSchema)
    .max(apiKeyScopes.length)
    .default([...apiKeyScopes]),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
  /** `test` keys (`nhood_sk_test_…`) start test executions, whose provider calls go to the sandbox */
  mode: z.enum(["live", "test"]).default("live"),
});
export type CreateApiKeyRequest = z.input<typeof createApiKeyRequestSchema>;

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(apiKeyScopeSchema),
  /** live (`nhood_sk_live_…`) or test (`nhood_sk_test_…`) */
  mode: z.enum(["live", "test"]),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** Only the create answer carries the full key; it is never shown again. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const teamMemberSchema = z.object({
  membership_id: z.uuid(),
  user_id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: workspaceRoleSchema,
  reports_to: z.uuid().nullable(),
  /** distance below the person asking: 1 = direct report */
  depth: z.number().int(),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const teamSchema = z.object({
  me: teamMemberSchema,
  manager: teamMemberSchema.nullable(),
  reports: z.array(teamMemberSchema),
});
export type Team = z.infer<typeof teamSchema>;

export const addMemberRequestSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(200),
  password: passwordSchema,
  role: workspaceRoleSchema.exclude(["owner"]),
  reports_to: z.uuid().nullable().optional(),
});

export const updateMemberRequestSchema = z.object({
  role: workspaceRoleSchema.exclude(["owner"]).optional(),
  reports_to: z.uuid().nullable().optional(),
});

/** The tenant server mints one of these for one end user (API key, scope `end_users`). */
export const createConnectSessionRequestSchema = z.object({
  end_user_id: z.string().trim().min(1).max(200).describe("the tenant's external_user_id"),
  email: z.email().max(254).optional(),
  name: z.string().trim().max(200).optional(),
});
export const connectSessionSchema = z.object({
  token: z.string(),
  url: z.string(),
  expires_at: z.string(),
});
export type ConnectSession = z.infer<typeof connectSessionSchema>;
export const exchangeConnectSessionRequestSchema = z.object({ token: z.string().min(1).max(200) });

/** `GET …/api-keys`: every key of the workspace, newest first (revoked and expired ones too). */
export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) });
/** `GET …/members`: every member of the workspace, by name (`depth` is 0). */
export const memberListSchema = z.object({ items: z.array(teamMemberSchema) });
export const addMemberResponseSchema = z.object({ membership_id: z.uuid() });
