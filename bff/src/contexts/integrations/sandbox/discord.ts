/**
 * Discord REST v10 simulator: create a message, `POST /api/v10/channels/{channel.id}/messages` with
 * `{content?, embeds?, sticker_ids?, components?, poll?, tts?, nonce?}` and `Authorization: Bot <token>`
 * (https://discord.com/developers/docs/resources/message#create-message). Success: 200 with the
 * message (snowflake `id`, `channel_id`, bot `author`, ISO `timestamp`). Errors: `{message, code}`
 * JSON error codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json): 401
 * `{message: "401: Unauthorized", code: 0}`, 400 `Cannot send an empty message` (50006), 400 `Invalid
 * Form Body` (50035) with per-field `errors`, 404 `Unknown Channel` (10003); 429 answers
 * `{message, retry_after, global}` (https://discord.com/developers/docs/topics/rate-limits).
 */
import { matchRoute, registerSimulator, type SandboxAnswer, type SandboxRequest } from "./registry";

const discordError = (status: number, message: string, code: number, errors?: unknown): SandboxAnswer => ({
  status,
  body: { message, code, ...(errors ? { errors } : {}) },
});
const formError = (field: string, code: string, message: string) =>
  discordError(400, "Invalid Form Body", 50035, { [field]: { _errors: [{ code, message }] } });

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const DISCORD_EPOCH = 1_420_070_400_000n;
let seq = 0n;
/** A snowflake: milliseconds since the Discord epoch, shifted 22 bits, and an increment. */
const snowflake = () => String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (++seq & 0xfffn));
const BOT = {
  id: "1100000000000000001",
  username: "Sandbox Bot",
  avatar: null,
  discriminator: "0000",
  public_flags: 0,
  flags: 0,
  bot: true,
  global_name: null,
};

function createMessage(req: SandboxRequest, channelId: string): SandboxAnswer {
  if (!/^(Bot|Bearer)\s+\S+/.test(req.headers.get("authorization") ?? "")) return discordError(401, "401: Unauthorized", 0);
  if (!/^\d{17,20}$/.test(channelId)) return formError("channel_id", "NUMBER_TYPE_COERCE", `Value "${channelId}" is not snowflake.`);
  const b = isObject(req.body) ? req.body : {};
  const hasContent = typeof b.content === "string" && b.content.length > 0;
  const nonEmpty = (k: string) => Array.isArray(b[k]) && (b[k] as unknown[]).length > 0;
  if (!hasContent && !nonEmpty("embeds") && !nonEmpty("sticker_ids") && !nonEmpty("components") && !isObject(b.poll))
    return discordError(400, "Cannot send an empty message", 50006);
  if (b.content !== undefined && typeof b.content !== "string") return formError("content", "BASE_TYPE_STRING", "Must be a string.");
  if (typeof b.content === "string" && b.content.length > 2000) return formError("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
  if (Array.isArray(b.embeds) && b.embeds.length > 10) return formError("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
  const content = typeof b.content === "string" ? b.content : "";
  return {
    status: 200,
    body: {
      type: 0,
      channel_id: channelId,
      content,
      attachments: [],
      embeds: Array.isArray(b.embeds) ? b.embeds : [],
      timestamp: new Date().toISOString().replace("Z", "000+00:00"),
      edited_timestamp: null,
      flags: 0,
      components: Array.isArray(b.components) ? b.components : [],
      id: snowflake(),
      author: BOT,
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: /@(everyone|here)/.test(content),
      tts: b.tts === true,
      ...(b.nonce !== undefined ? { nonce: b.nonce } : {}),
    },
  };
}

const codes: Record<number, [string, number]> = {
  400: ["Invalid Form Body", 50035],
  401: ["401: Unauthorized", 0],
  403: ["Missing Access", 50001],
  404: ["Unknown Channel", 10003],
  405: ["405: Method Not Allowed", 0],
  500: ["500: Internal Server Error", 0],
  502: ["502: Bad Gateway", 0],
};

registerSimulator(
  "discord",
  (req) => matchRoute(req, { "POST /api/v10/channels/:channel/messages": (p) => createMessage(req, p.channel!) }, () => discordError(404, "404: Not Found", 0)),
  (status, message) => {
    if (status === 429) return { status, body: { message: "You are being rate limited.", retry_after: 1, global: false } };
    const [text, code] = codes[status] ?? [`${status}: ${message}`, 0];
    return discordError(status, text, code);
  },
);
