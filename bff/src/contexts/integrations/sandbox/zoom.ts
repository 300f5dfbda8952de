/**
 * Zoom API v2 simulator: create a meeting, `POST /v2/users/{userId}/meetings` (`me` for the token's
 * user) (https://developers.zoom.us/docs/api/meetings/#tag/meetings/POST/users/{userId}/meetings).
 * Success: 201 with the meeting (`id` an 11-digit number, `uuid`, `host_id`, `topic`, `type`,
 * `status: "waiting"`, `start_time`, `duration`, `timezone`, `join_url`, `start_url`, `password`,
 * `settings`…). Errors are `{code, message, errors?: [{field, message}]}`
 * (https://developers.zoom.us/docs/api/using-zoom-apis/#error-responses): 401 code 124 `Invalid
 * access token.`, 400 code 300 `Validation Failed.` naming each field, 404 code 1001 for an unknown
 * user, 429 code 429.
 */
import { randomBytes, randomInt } from "node:crypto";
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const zoomError = (status: number, code: number, message: string, errors?: { field: string; message: string }[]) => ({
  status,
  body: { code, message, ...(errors?.length ? { errors } : {}) },
});
const HOST_ID = "KDcuGIm1QgePTO8WbOqwIQ";
const TYPES = new Set([1, 2, 3, 8, 10]);

function createMeeting(req: SandboxRequest, userId: string) {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? "")) return zoomError(401, 124, "Invalid access token.");
  if (userId !== "me" && !/^[\w-]{22}$/.test(userId) && !/^[^@\s]+@[^@\s]+$/.test(userId)) return zoomError(404, 1001, `User does not exist: ${userId}.`);
  const b = req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
  const errors: { field: string; message: string }[] = [];
  const type = b.type === undefined ? 2 : Number(b.type);
  if (!TYPES.has(type)) errors.push({ field: "type", message: "Invalid field." });
  if (b.topic !== undefined && (typeof b.topic !== "string" || b.topic.length > 200)) errors.push({ field: "topic", message: "Invalid field." });
  if (b.duration !== undefined && !(Number.isInteger(b.duration) && (b.duration as number) > 0)) errors.push({ field: "duration", message: "Invalid field." });
  if (b.start_time !== undefined && b.start_time !== null && Number.isNaN(Date.parse(String(b.start_time))))
    errors.push({ field: "start_time", message: "Invalid field." });
  if (b.password !== undefined && !/^[A-Za-z0-9@\-_*]{1,10}$/.test(String(b.password))) errors.push({ field: "password", message: "Invalid field." });
  if (errors.length) return zoomError(400, 300, "Validation Failed.", errors);
  const id = randomInt(81_000_000_000, 99_999_999_999);
  const password = String(b.password ?? randomBytes(4).toString("hex").slice(0, 6));
  const pwd = randomBytes(24).toString("base64url");
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const scheduled = type === 2 || type === 8;
  return {
    status: 201,
    body: {
      uuid: randomBytes(16).toString("base64"),
      id,
      host_id: HOST_ID,
      host_email: "sandbox.host@example.com",
      topic: typeof b.topic === "string" ? b.topic : "Zoom meeting",
      type,
      status: "waiting",
      ...(scheduled ? { start_time: b.start_time ? new Date(String(b.start_time)).toISOString().replace(/\.\d{3}Z$/, "Z") : now } : {}),
      duration: b.duration ?? 60,
      timezone: typeof b.timezone === "string" ? b.timezone : "UTC",
      agenda: typeof b.agenda === "string" ? b.agenda : "",
      created_at: now,
      start_url: `https://us05web.zoom.us/s/${id}?zak=${randomBytes(32).toString("base64url")}`,
      join_url: `https://us05web.zoom.us/j/${id}?pwd=${pwd}`,
      password,
      h323_password: String(Number.parseInt(randomBytes(3).toString("hex"), 16))
        .padStart(6, "0")
        .slice(0, 6),
      pstn_password: String(Number.parseInt(randomBytes(3).toString("hex"), 16))
        .padStart(6, "0")
        .slice(0, 6),
      encrypted_password: pwd,
      settings: {
        host_video: false,
        participant_video: false,
        join_before_host: false,
        mute_upon_entry: false,
        waiting_room: true,
        approval_type: 2,
        audio: "voip",
        auto_recording: "none",
        meeting_authentication: false,
      },
      pre_schedule: false,
    },
  };
}

const onDemand: Record<number, [number, string]> = {
  400: [300, "Validation Failed."],
  401: [124, "Invalid access token."],
  403: [200, "No permission."],
  404: [1001, "User does not exist."],
  429: [429, "You have reached the maximum per-second rate limit for this API. Try again later."],
  500: [500, "Internal Error."],
  503: [503, "Service unavailable."],
};

registerSimulator(
  "zoom",
  (req) => matchRoute(req, { "POST /v2/users/:user/meetings": (p) => createMeeting(req, p.user!) }, () => zoomError(404, 404, "Not Found")),
  (status, message) => {
    const [code, text] = onDemand[status] ?? [status, message];
    return zoomError(status, code, text, status === 400 ? [{ field: "sandbox_fail", message }] : undefined);
  },
);
