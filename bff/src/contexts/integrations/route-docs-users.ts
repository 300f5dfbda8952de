/**
 * OpenAPI documentation of the users and user roles routes (seed 003 §5.4, §5.7; routes-users.ts).
 * They act on the caller's workspace: an API key's own, or a signed-in developer's active one.
 */
import { userPageSchema, userRoleListSchema, userRoleSchema, userSchema, userSyncResponseSchema } from "@nhood/contracts/users";
import type { RouteDoc } from "../../lib/describe";

const AT = "2026-12-07T09:30:00.000Z";
const who =
  "Your server with an API key holding the `end_users` scope, or a workspace developer (`owner`, `admin`, `developer`) signed in to the active workspace.";
const byRef = "`{id}` is the user's id or your own `externalUserId`; an erased user, or another workspace's, is 404.";
const tags = ["users"];
const roleTags = ["user-roles"];

const user = {
  id: "5b1d7e2a-3c4f-4a6b-9d8e-7f6a5b4c3d2e",
  external_user_id: "user_44",
  email: "ada@example.com",
  phone: "+44 20 7946 0958",
  name: "Ada Lovelace",
  roles: ["finance"],
  status: "active",
  metadata: { plan: "pro" },
  push_tokens: [{ platform: "fcm", token: "fcm-registration-token-0123456789" }],
  created_at: AT,
  updated_at: AT,
};
const userInput = {
  externalUserId: "user_44",
  email: "ada@example.com",
  name: "Ada Lovelace",
  roles: ["finance"],
  metadata: { plan: "pro" },
  pushTokens: [{ platform: "fcm", token: "fcm-registration-token-0123456789" }],
};
const role = {
  id: "8c7b6a5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d",
  key: "finance",
  name: "Finance",
  description: "Sees payment alerts",
  user_count: 12,
  created_at: AT,
  updated_at: AT,
};

export const createUser: RouteDoc = {
  summary: "Register a user",
  operationId: "createUser",
  tags,
  security: "any",
  description: `${who} Registers one of your app users by your own \`externalUserId\` (seed 003 §4.2): e-mail, phone, user roles (defined with \`POST /roles\`; an unknown role is 400 naming \`#/roles/{i}\`), status (default \`active\`), metadata and push tokens. A taken \`externalUserId\` is 409; past the plan's users quota 403 \`quota-exceeded\`. Subscribed webhook endpoints receive \`user.registered\`.`,
  requestExample: userInput,
  responses: { 201: { description: "The user", schema: userSchema, example: user } },
  errors: [400, 401, 403, 404, 409, 429],
};

export const listUsers: RouteDoc = {
  summary: "List users",
  operationId: "listUsers",
  tags,
  security: "any",
  description: `${who} The workspace's users, newest first, 50 a page (pass \`next_cursor\` back as \`cursor\`); \`role\` and \`status\` filter.`,
  responses: { 200: { description: "One page of users", schema: userPageSchema, example: { items: [user], next_cursor: null } } },
};

export const getUser: RouteDoc = {
  summary: "Read a user",
  operationId: "getUser",
  tags,
  security: "any",
  description: `${who} ${byRef}`,
  responses: { 200: { description: "The user", schema: userSchema, example: user } },
};

export const updateUser: RouteDoc = {
  summary: "Update a user",
  operationId: "updateUser",
  tags,
  security: "any",
  description: `${who} ${byRef} Changes the fields sent (at least one); \`pushTokens\` replaces the user's set, \`null\` clears e-mail, phone or name.`,
  requestExample: { roles: ["finance", "managers"], status: "active" },
  responses: { 200: { description: "The user", schema: userSchema, example: user } },
};

export const deleteUser: RouteDoc = {
  summary: "Delete a user",
  operationId: "deleteUser",
  tags,
  security: "any",
  description: `${who} ${byRef} Erases the user's data as a GDPR erasure does (Art. 17): connections revoked and deleted, consents, push tokens and notifications deleted, their identifiers replaced in stored events, notification texts and webhook payloads; the row stays pseudonymised and the \`externalUserId\` can be registered again.`,
  responses: { 204: { description: "Deleted and erased" } },
};

export const approveUser: RouteDoc = {
  summary: "Approve a pending user",
  operationId: "approveUser",
  tags,
  security: "any",
  description: `${who} ${byRef} Sets a \`pending\` or \`unverified\` user \`active\` (only active and unverified users receive notifications); an active user answers as is, a disabled one 409.`,
  responses: { 200: { description: "The user", schema: userSchema, example: user } },
  errors: [400, 401, 403, 404, 409, 429],
};

export const syncUsers: RouteDoc = {
  summary: "Sync users in bulk",
  operationId: "syncUsers",
  tags,
  security: "any",
  description: `${who} Upserts up to 1,000 users by \`externalUserId\` in one call (more is 400 naming \`#/users\`). Each row is validated and answered on its own, in order: \`created\`, \`updated\` or \`failed\` with the fields at fault (\`#/users/{i}/email\`); a bad row never fails the others. Fields a row leaves out keep their values. New users past the plan's users quota fail. Each created user is sent to webhooks as \`user.registered\`.`,
  requestExample: { users: [userInput, { externalUserId: "user_45", roles: ["finance"] }] },
  responses: {
    200: {
      description: "One answer per row",
      schema: userSyncResponseSchema,
      example: {
        items: [
          { index: 0, external_user_id: "user_44", outcome: "updated", id: user.id, errors: [] },
          { index: 1, external_user_id: null, outcome: "failed", id: null, errors: [{ pointer: "#/users/1/email", detail: "Invalid email address" }] },
        ],
        created: 0,
        updated: 1,
        failed: 1,
      },
    },
  },
};

export const listUserRoles: RouteDoc = {
  summary: "List user roles",
  operationId: "listUserRoles",
  tags: roleTags,
  security: "any",
  description: `${who} The roles the workspace defined for its users (seed 003 §5.7), by key, each with how many users hold it.`,
  responses: { 200: { description: "The user roles", schema: userRoleListSchema, example: { items: [role] } } },
};

export const createUserRole: RouteDoc = {
  summary: "Create a user role",
  operationId: "createUserRole",
  tags: roleTags,
  security: "any",
  description: `${who} Defines a role users can hold and rules can target (\`target_user_roles\`). Its \`key\` never changes; a taken key is 409.`,
  requestExample: { key: "finance", name: "Finance", description: "Sees payment alerts" },
  responses: { 201: { description: "The user role", schema: userRoleSchema, example: { ...role, user_count: 0 } } },
  errors: [400, 401, 403, 404, 409, 429],
};

export const updateUserRole: RouteDoc = {
  summary: "Update a user role",
  operationId: "updateUserRole",
  tags: roleTags,
  security: "any",
  description: `${who} \`{id}\` is the role's id or key. Changes its name or description (the key stays).`,
  requestExample: { name: "Finance team" },
  responses: { 200: { description: "The user role", schema: userRoleSchema, example: role } },
};

export const deleteUserRole: RouteDoc = {
  summary: "Delete a user role",
  operationId: "deleteUserRole",
  tags: roleTags,
  security: "any",
  description: `${who} \`{id}\` is the role's id or key. Deletes it and takes it from every user holding it; rules that target it reach no one through it.`,
  responses: { 204: { description: "Deleted" } },
};
