/**
 * Telegram Bot API simulator: `POST /bot<token>/sendMessage` (https://core.telegram.org/bots/api#sendmessage).
 * Success: 200 `{ok: true, result: Message}` (`message_id`, `from` the bot, `chat`, `date` in Unix
 * seconds, `text`). Errors are `{ok: false, error_code, description, parameters?}`
 * (https://core.telegram.org/bots/api#making-requests): 404 `Not Found` without a token, 401
 * `Unauthorized` for a malformed one, 400 `Bad Request: …` (`chat not found`, `message text is empty`,
 * `message is too long`), 429 `Too Many Requests: retry after N` with `parameters.retry_after`.
 */
import { randomInt } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const tgError = (status: number, description: string, parameters?: Record<string, unknown>) => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});

const PARSE_MODES = new Set(["MarkdownV2", "Markdown", "HTML"]);

/** The chat a `chat_id` names: a numeric id (negative for groups, -100… for channels/supergroups) or `@username`. */
function chatOf(chatId: unknown): Record<string, unknown> | null {
  const s = typeof chatId === "number" ? String(chatId) : typeof chatId === "string" ? chatId.trim() : "";
  if (/^@[A-Za-z][A-Za-z0-9_]{4,31}$/.test(s)) return { id: -1_001_000_000_000 - s.length, title: s.slice(1), username: s.slice(1), type: "channel" };
  if (!/^-?\d{1,20}$/.test(s)) return null;
  const id = Number(s);
  if (s.startsWith("-100")) return { id, title: "Sandbox supergroup", type: "supergroup" };
  if (id < 0) return { id, title: "Sandbox group", type: "group", all_members_are_administrators: true };
  return { id, first_name: "Sandbox", last_name: "User", username: "sandbox_user", type: "private" };
}

function sendMessage(req: SandboxRequest, token: string) {
  if (!/^[\w:-]+$/.test(token)) return tgError(401, "Unauthorized");
  const b = (
    req.body && typeof req.body === "object" ? req.body : typeof req.body === "string" ? Object.fromEntries(new URLSearchParams(req.body)) : {}
  ) as Record<string, unknown>;
  if (b.chat_id === undefined || b.chat_id === "") return tgError(400, "Bad Request: chat_id is empty");
  const chat = chatOf(b.chat_id);
  if (!chat) return tgError(400, "Bad Request: chat not found");
  const text = typeof b.text === "string" ? b.text : b.text === undefined ? "" : String(b.text);
  if (!text.trim()) return tgError(400, "Bad Request: message text is empty");
  if (text.length > 4096) return tgError(400, "Bad Request: message is too long");
  if (b.parse_mode !== undefined && !PARSE_MODES.has(String(b.parse_mode))) return tgError(400, `Bad Request: unsupported parse_mode`);
  // message ids count up per chat in Telegram; the simulator serves every workspace, so it keeps no count
  const messageId = randomInt(1, 2 ** 31);
  const botId = Number(/^(\d+):/.exec(token)?.[1] ?? 7_000_000_001);
  return {
    status: 200,
    body: {
      ok: true,
      result: {
        message_id: messageId,
        from: { id: botId, is_bot: true, first_name: "Sandbox Bot", username: "sandbox_bot" },
        chat,
        date: Math.floor(Date.now() / 1000),
        text,
      },
    },
  };
}

const onDemand: Record<number, string> = {
  400: "Bad Request: chat not found",
  401: "Unauthorized",
  403: "Forbidden: bot was blocked by the user",
  404: "Not Found",
  409: "Conflict: terminated by other getUpdates request",
  429: "Too Many Requests: retry after 1",
  500: "Internal Server Error",
  502: "Bad Gateway",
};

registerSimulator(
  "telegram",
  (req) =>
    matchRoute(
      req,
      {
        "POST /bot/sendMessage": () => tgError(404, "Not Found"),
        "POST /:bot/sendMessage": (p) => (p.bot!.startsWith("bot") ? sendMessage(req, p.bot!.slice(3)) : tgError(404, "Not Found")),
      },
      () => tgError(404, "Not Found"),
    ),
  (status) => tgError(status, onDemand[status] ?? `Error ${status}`, status === 429 ? { retry_after: 1 } : undefined),
);
