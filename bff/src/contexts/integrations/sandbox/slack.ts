/**
 * Slack Web API simulator: `POST /api/chat.postMessage` (https://api.slack.com/methods/chat.postMessage).
 * Slack answers HTTP 200 with `{ok: false, error}` for method errors (`not_authed`,
 * `channel_not_found`, `no_text`…) and HTTP 429 with `Retry-After` when rate limited
 * (https://api.slack.com/apis/rate-limits).
 */
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const slackError = (status: number, error: string) => ({ status, body: { ok: false, error } });

const errorCodes: Record<number, string> = {
  400: "invalid_arguments",
  401: "not_authed",
  403: "not_allowed_token_type",
  404: "channel_not_found",
  429: "ratelimited",
};

/** A Slack message timestamp (`<unix seconds>.<6 digits>`), unique per call. */
let seq = 0;
const messageTs = () => `${Math.floor(Date.now() / 1000)}.${String(++seq % 1_000_000).padStart(6, "0")}`;

function postMessage(req: SandboxRequest) {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? "")) return slackError(200, "not_authed");
  const b = (req.body && typeof req.body === "object" ? req.body : {}) as Record<string, unknown>;
  const channel = typeof b.channel === "string" ? b.channel.trim() : "";
  if (!channel) return slackError(200, "channel_not_found");
  if (!b.text && !b.blocks && !b.attachments) return slackError(200, "no_text");
  const ts = messageTs();
  // channel names (#general) resolve to a channel id in the answer, as Slack does
  const channelId = /^[CDG][A-Z0-9]{8,}$/.test(channel) ? channel : `C${Buffer.from(channel).toString("hex").toUpperCase().slice(0, 10).padEnd(10, "0")}`;
  return {
    status: 200,
    body: {
      ok: true,
      channel: channelId,
      ts,
      message: { type: "message", text: b.text ?? "", user: "U0SANDBOX1", bot_id: "B0SANDBOX1", ts, ...(b.thread_ts ? { thread_ts: b.thread_ts } : {}) },
    },
  };
}

registerSimulator(
  "slack",
  (req) => matchRoute(req, { "POST /api/chat.postMessage": () => postMessage(req) }, () => slackError(404, "unknown_method")),
  (status) => slackError(status === 400 ? 200 : status, errorCodes[status] ?? (status >= 500 ? "internal_error" : "invalid_arguments")),
);
