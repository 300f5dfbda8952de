/**
 * Client SDK contracts (issue 15 part 3, decision 027): the publishable key and user-hash secret
 * a workspace's developers read, the routes the SDK calls for one signed end user
 * (`/api/v1/client/…`), and the example page's demo session. Inbox items, unread counts and
 * preferences reuse the notifications and users contracts.
 */
import { z } from "zod";
import { brandingSchema } from "./tenancy";
import { userInputSchema } from "./users";

export const clientKeysSchema = z
  .object({
    workspace_id: z.uuid(),
    /** `nhood_pk_…`: ships in the tenant's app; opens only the client routes, only with a user signature */
    publishable_key: z.string().startsWith("nhood_pk_"),
    /** `nhood_uhs_…`: stays on the tenant's backend, which signs users: hex(HMAC-SHA256(secret, externalUserId)) */
    user_hash_secret: z.string().startsWith("nhood_uhs_"),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "ClientKeys" });
export type ClientKeysView = z.infer<typeof clientKeysSchema>;

/** `POST /client/users`: the signed user registers (or updates) themself; the externalUserId is the signed one. */
export const clientRegisterRequestSchema = userInputSchema.omit({ externalUserId: true, status: true });
export type ClientRegisterRequest = z.input<typeof clientRegisterRequestSchema>;

/** What the client routes answer about the signed user themself. */
export const clientUserSchema = z
  .object({
    id: z.uuid(),
    external_user_id: z.string(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    roles: z.array(z.string()),
    status: z.string(),
    created: z.boolean(),
  })
  .meta({ id: "ClientUser" });
export type ClientUser = z.infer<typeof clientUserSchema>;

/** `GET /client/branding`: what `<Inbox />` themes itself with. */
export const clientBrandingSchema = brandingSchema.pick({ display_name: true, logo_url: true, primary_color: true }).meta({ id: "ClientBranding" });
export type ClientBranding = z.infer<typeof clientBrandingSchema>;

/** `POST /client/notifications/{id}/acknowledge|read`: the item after the change. */
export const clientNotificationIdParamSchema = z.object({ id: z.uuid() });

/** `POST /examples/inbox/session` (demo workspace only): sign a demo end user as a tenant's backend would. */
export const demoInboxSessionRequestSchema = z.object({
  externalUserId: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.:@-]+$/, "letters, digits and _ . : @ - only"),
});
export const demoInboxSessionSchema = z
  .object({
    workspace_id: z.uuid(),
    publishable_key: z.string(),
    external_user_id: z.string(),
    user_hash: z.string().regex(/^[0-9a-f]{64}$/),
    /** the user role the demo rule notifies */
    role: z.string(),
  })
  .meta({ id: "DemoInboxSession" });
export type DemoInboxSession = z.infer<typeof demoInboxSessionSchema>;

/** The user role the demo workspace's example rule notifies (seed): users registered on `/examples/inbox` take it. */
export const DEMO_INBOX_ROLE = "inbox_demo";
/** The event type the demo workspace's example rule matches. */
export const DEMO_INBOX_EVENT = "inbox.demo";
