/**
 * Users of a workspace and their user roles (seed 003 §4.2, §5.4, §5.7): the tenant's own app
 * users, registered by their `externalUserId`, which rules notify by role or by id. Requests use
 * the seed's field names (`externalUserId`, `pushTokens`), answers the API's snake_case, as for
 * events (`clientEventId` in, `client_event_id` out).
 */
import { z } from "zod";

export const userStatuses = ["pending", "active", "disabled", "unverified"] as const;
export const pushPlatforms = ["fcm", "apns"] as const;

/** A user role's key: what users' `roles` and rules' `target_user_roles` name. */
export const userRoleKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, "letters, digits and . _ : - only, starting with a letter or digit");

export const pushTokenSchema = z.object({ platform: z.enum(pushPlatforms), token: z.string().trim().min(8).max(4096) });
export type PushToken = z.infer<typeof pushTokenSchema>;

const userFields = {
  email: z.email().max(255).nullable(),
  /** seed 003 §4.2 VARCHAR(20): digits, spaces, + ( ) - */
  phone: z
    .string()
    .trim()
    .max(20)
    .regex(/^\+?[0-9 ()-]{3,20}$/, "a phone number: digits, spaces and + ( ) - only")
    .nullable(),
  name: z.string().trim().max(255).nullable(),
  roles: z.array(userRoleKeySchema).max(50),
  status: z.enum(userStatuses),
  metadata: z.record(z.string(), z.unknown()),
  /** the user's devices; a PUT or sync with `pushTokens` replaces the set */
  pushTokens: z.array(pushTokenSchema).max(20),
};

/** `POST /users` and each row of `POST /users/sync`: only `externalUserId` is required. */
export const userInputSchema = z.object({
  externalUserId: z.string().trim().min(1).max(255),
  email: userFields.email.optional(),
  phone: userFields.phone.optional(),
  name: userFields.name.optional(),
  roles: userFields.roles.optional(),
  status: userFields.status.optional(),
  metadata: userFields.metadata.optional(),
  pushTokens: userFields.pushTokens.optional(),
});
export type UserInput = z.input<typeof userInputSchema>;

/** `PUT /users/{id}`: the fields to change (at least one). */
export const userUpdateSchema = userInputSchema
  .omit({ externalUserId: true })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "send at least one field" });

export const userSchema = z
  .object({
    id: z.uuid(),
    external_user_id: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    name: z.string().nullable(),
    roles: z.array(z.string()),
    status: z.enum(userStatuses),
    metadata: z.record(z.string(), z.unknown()),
    push_tokens: z.array(pushTokenSchema),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "User" });
export type User = z.infer<typeof userSchema>;

export const userPageSchema = z.object({ items: z.array(userSchema), next_cursor: z.string().nullable() });
export const userListQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  role: userRoleKeySchema.optional(),
  status: z.enum(userStatuses).optional(),
});

/** `POST /users/sync`: up to 1,000 rows; each row is validated and answered on its own. */
export const userSyncRequestSchema = z.object({ users: z.array(z.unknown()).min(1).max(1000) });
export const userSyncRowSchema = z.object({
  /** the row's position in `users` */
  index: z.number().int(),
  external_user_id: z.string().nullable(),
  outcome: z.enum(["created", "updated", "failed"]),
  id: z.uuid().nullable(),
  /** why the row failed: RFC 9457-style pointers into the request (`#/users/3/email`) */
  errors: z.array(z.object({ pointer: z.string(), detail: z.string() })),
});
export const userSyncResponseSchema = z
  .object({
    items: z.array(userSyncRowSchema),
    created: z.number().int(),
    updated: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: "UserSyncResult" });
export type UserSyncResponse = z.infer<typeof userSyncResponseSchema>;

export const userRoleInputSchema = z.object({
  key: userRoleKeySchema,
  name: z.string().trim().min(1).max(255).optional(),
  description: z.string().max(2000).default(""),
});
export const userRoleUpdateSchema = z
  .object({ name: z.string().trim().min(1).max(255).optional(), description: z.string().max(2000).optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined, { message: "send name or description" });

export const userRoleSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    description: z.string(),
    /** users holding it */
    user_count: z.number().int(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "UserRole" });
export type UserRole = z.infer<typeof userRoleSchema>;
export const userRoleListSchema = z.object({ items: z.array(userRoleSchema) });

/** An end user's notification preferences: muted event types and channels (`inbox` skips the inbox). */
export const preferenceChannels = ["inbox", "email", "push"] as const;
export const notificationPreferencesSchema = z
  .object({
    muted_event_types: z.array(z.string().trim().min(1).max(100)).max(200),
    muted_channels: z.array(z.enum(preferenceChannels)).max(3),
  })
  .meta({ id: "NotificationPreferences" });
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
export const notificationPreferencesUpdateSchema = notificationPreferencesSchema
  .partial()
  .refine((v) => v.muted_event_types !== undefined || v.muted_channels !== undefined, { message: "send muted_event_types or muted_channels" });
