/**
 * Mattermost API v4 simulator (self-hosted): create a post, `POST {server_url}/api/v4/posts` with
 * `{channel_id, message}` (https://developers.mattermost.com/api-documentation/#/operations/CreatePost).
 * Authorisation: `Authorization: Bearer <token>` (or `Token <token>`). Success: 201 with the post
 * (26-character ids of lower-case letters and digits, millisecond `create_at`/`update_at`,
 * `channel_id`, `message`, `type: ""`, `props`, `metadata`). Errors are AppErrors
 * `{id, message, detailed_error, request_id, status_code}`: 401
 * `api.context.session_expired.app_error`, a missing or malformed `channel_id` 400
 * `api.context.invalid_body_param.app_error`, an over-long message 400
 * `model.post.is_valid.message_length.app_error`.
 */
import { randomBytes } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

/** A Mattermost id: 26 characters of z-base-32 (lower-case letters and digits). */
const mmId = () => [...randomBytes(26)].map((b) => "ybndrfg8ejkmcpqxot1uwisza345h769"[b % 32]).join("");
const MM_ID = /^[a-z0-9]{26}$/;
const MESSAGE_MAX = 16_383;

const appError = (status: number, id: string, message: string, detailed = "") => ({
  status,
  body: { id, message, detailed_error: detailed, request_id: mmId(), status_code: status },
});

function createPost(req: SandboxRequest) {
  if (!/^(Bearer|Token)\s+\S+/i.test(req.headers.get("authorization") ?? ""))
    return appError(401, "api.context.session_expired.app_error", "Invalid or expired session, please login again.");
  const b = (req.body && typeof req.body === "object" && !Array.isArray(req.body) ? req.body : {}) as Record<string, unknown>;
  if (typeof b.channel_id !== "string" || !MM_ID.test(b.channel_id))
    return appError(400, "api.context.invalid_body_param.app_error", "Invalid or missing channel_id in request body.");
  const message = typeof b.message === "string" ? b.message : "";
  const files = Array.isArray(b.file_ids) ? b.file_ids : [];
  if (!message && !files.length) return appError(400, "api.context.invalid_body_param.app_error", "Invalid or missing message in request body.");
  if ([...message].length > MESSAGE_MAX)
    return appError(400, "model.post.is_valid.message_length.app_error", "Invalid Message property length.", `length=${[...message].length}`);
  const now = Date.now();
  return {
    status: 201,
    body: {
      id: mmId(),
      create_at: now,
      update_at: now,
      edit_at: 0,
      delete_at: 0,
      is_pinned: false,
      user_id: "sandboxuser0000000000000aa",
      channel_id: b.channel_id,
      root_id: typeof b.root_id === "string" ? b.root_id : "",
      original_id: "",
      message,
      type: "",
      props: b.props && typeof b.props === "object" ? b.props : {},
      hashtags: (message.match(/#[\p{L}\d_-]+/gu) ?? []).join(" "),
      pending_post_id: "",
      reply_count: 0,
      file_ids: files,
      metadata: {},
    },
  };
}

const ids: Record<number, [string, string]> = {
  400: ["api.context.invalid_param.app_error", "Invalid parameter."],
  401: ["api.context.session_expired.app_error", "Invalid or expired session, please login again."],
  403: ["api.context.permissions.app_error", "You do not have the appropriate permissions."],
  404: ["app.channel.get.existing.app_error", "Unable to find the existing channel."],
  429: ["api.context.rate_limit.app_error", "Too many requests. Try again later."],
  500: ["app.post.save.app_error", "Unable to save the Post."],
};

registerSimulator(
  "mattermost",
  (req) =>
    matchRoute(req, { "POST /api/v4/posts": () => createPost(req) }, () => appError(404, "api.context.404.app_error", "Sorry, we could not find the page.")),
  (status, message) => {
    const [id, text] = ids[status] ?? [status >= 500 ? "app.server.error" : "api.context.invalid_param.app_error", message];
    return appError(status, id, text, message);
  },
);
