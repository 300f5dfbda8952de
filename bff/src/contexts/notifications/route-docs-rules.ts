/**
 * OpenAPI documentation of the notification rules and sounds (rule-routes.ts, sound-routes.ts).
 * Seed 003 routes act on the caller's workspace (route-docs.ts says how).
 */
import { ruleListSchema, ruleSchema, ruleTestResultSchema, soundListSchema, soundSchema } from "@nhood/contracts";
import type { RouteDoc } from "../../lib/describe";

const AT = "2026-12-07T09:30:00.000Z";
const RULE = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const SOUND = "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f";
const member = "A signed-in member of the active workspace (any role)";
const memberOrKey = `${member}, or an API key with the \`events\` scope.`;

const rule = {
  id: RULE,
  name: "Big orders",
  description: "Orders over 1000 to the sales team",
  condition: 'event.type == "order.completed" && event.payload.amount > 1000',
  target_roles: ["sales_manager", "sales_rep"],
  target_user_roles: ["finance"],
  target_event_users: true,
  priority: 100,
  severity: "high",
  sound_id: SOUND,
  title_template: "Order over 1000: #{{event.payload.order_id}}",
  message_template: "{{event.payload.amount}} {{event.payload.currency}}",
  channels: ["push"],
  active: true,
  created_at: AT,
  updated_at: AT,
};
const ruleInput = {
  name: rule.name,
  condition: rule.condition,
  target_roles: rule.target_roles,
  target_user_roles: rule.target_user_roles,
  target_event_users: true,
  severity: "high",
  title_template: rule.title_template,
  channels: ["push"],
};
const sound = { id: SOUND, name: "Cash register", mime_type: "audio/mpeg", size_bytes: 48213, created_at: AT, url: `/api/v1/sounds/${SOUND}/file` };

// rule-routes.ts

const ruleTags = ["rules"];
const ruleWriter = "A workspace developer (`owner`, `admin`, `developer`) signed in to the active workspace (API keys are refused).";
const ruleReader = `${member}; API keys are refused.`;

export const listRules: RouteDoc = {
  summary: "List notification rules",
  operationId: "listRules",
  tags: ruleTags,
  security: "session",
  description: `${ruleReader} Answers the workspace's rules in evaluation order.`,
  responses: { 200: { description: "The rules", schema: ruleListSchema, example: { items: [rule] } } },
  errors: [400, 401, 403, 404, 429],
};

export const createRule: RouteDoc = {
  summary: "Create a notification rule",
  operationId: "createRule",
  tags: ruleTags,
  security: "session",
  description:
    `${ruleWriter} Creates a rule: a CEL condition over \`event\`, whom to notify — staff roles (\`target_roles\`), the workspace's user roles (\`target_user_roles\`, defined with \`POST /roles\`) and/or the users the event names (\`target_event_users\`: \`payload.userId\` or \`payload.userIds\`, by externalUserId), at least one —, templates for the title and message, severity, sound and channels. ` +
    "Each user gets their own notification, as their preferences allow (muted event types and channels); only active and unverified users receive. " +
    "An invalid condition, an unknown sound or user role, or no target answers 400 naming the field; the plan's rules quota reached answers 409.",
  responses: { 201: { description: "The rule", schema: ruleSchema, example: rule } },
  errors: [400, 401, 403, 404, 409, 429],
  requestExample: ruleInput,
};

export const getRule: RouteDoc = {
  summary: "Read a notification rule",
  operationId: "getRule",
  tags: ruleTags,
  security: "session",
  description: `${ruleReader} Answers the rule.`,
  responses: { 200: { description: "The rule", schema: ruleSchema, example: rule } },
};

export const updateRule: RouteDoc = {
  summary: "Update a notification rule",
  operationId: "updateRule",
  tags: ruleTags,
  security: "session",
  description: `${ruleWriter} Changes the fields sent (at least one); the others keep their values.`,
  responses: { 200: { description: "The rule", schema: ruleSchema, example: { ...rule, active: false } } },
  requestExample: { active: false },
};

export const deleteRule: RouteDoc = {
  summary: "Delete a notification rule",
  operationId: "deleteRule",
  tags: ruleTags,
  security: "session",
  description: `${ruleWriter} Deletes the rule; notifications it created stay.`,
  responses: { 204: { description: "Deleted" } },
};

export const testRule: RouteDoc = {
  summary: "Test a rule against a sample event",
  operationId: "testRule",
  tags: ruleTags,
  security: "session",
  description: `${ruleReader} Evaluates the rule against the event sent, without storing anything: whether it matches, the rendered title and message, and how many members would be notified.`,
  responses: {
    200: {
      description: "The outcome",
      schema: ruleTestResultSchema,
      example: { matched: true, error: null, title: "Order over 1000: #1042", message: "1250 EUR", recipients: 4 },
    },
  },
  requestExample: { event: { type: "order.completed", payload: { order_id: "1042", amount: 1250, currency: "EUR" } } },
};

// sound-routes.ts

const soundTags = ["sounds"];

export const listSounds: RouteDoc = {
  summary: "List sounds",
  operationId: "listSounds",
  tags: soundTags,
  security: "any",
  description: `${memberOrKey} Answers the workspace's notification sounds.`,
  responses: { 200: { description: "The sounds", schema: soundListSchema, example: { items: [sound] } } },
  errors: [400, 401, 403, 404, 429],
};

export const uploadSound: RouteDoc = {
  summary: "Upload a sound",
  operationId: "uploadSound",
  tags: soundTags,
  security: "session",
  description:
    `${ruleWriter} Uploads an audio file (multipart/form-data: \`file\`, optional \`name\`; MP3, WAV, OGG, M4A, AAC, FLAC or WebM up to 512 KiB, checked by its content). ` +
    "Anything else answers 400 naming `#/file`; the plan's sounds quota reached answers 409.",
  responses: { 201: { description: "The sound", schema: soundSchema, example: sound } },
  errors: [400, 401, 403, 404, 409, 413, 429],
};

export const getSoundFile: RouteDoc = {
  summary: "Download a sound",
  operationId: "getSoundFile",
  tags: soundTags,
  security: "any",
  description: `${memberOrKey} Answers the audio file with its MIME type, cacheable privately for a day.`,
  responses: { 200: { description: "The audio file", contentType: "audio/*" } },
};

export const deleteSound: RouteDoc = {
  summary: "Delete a sound",
  operationId: "deleteSound",
  tags: soundTags,
  security: "session",
  description: `${ruleWriter} Deletes the sound; rules that used it play none.`,
  responses: { 204: { description: "Deleted" } },
};
