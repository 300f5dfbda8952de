/**
 * WhatsApp Business Cloud API simulator: send a message, `POST /{version}/{phone-number-id}/messages`
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages). Success: 200
 * `{messaging_product, contacts: [{input, wa_id}], messages: [{id, message_status}]}`. Errors are
 * Graph API errors `{error: {message, type, code, error_subcode?, error_data?, fbtrace_id}}`
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
 */
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const graphError = (status: number, code: number, message: string, details?: string) => ({
  status,
  body: {
    error: {
      message,
      type: code === 190 ? "OAuthException" : "OAuthException",
      code,
      ...(details ? { error_data: { messaging_product: "whatsapp", details } } : {}),
      fbtrace_id: "ASandboxTrace0000000",
    },
  },
});

let seq = 0;
const TYPES = ["text", "template", "image", "document", "audio", "video", "sticker", "location", "contacts", "interactive", "reaction"];

function sendMessage(req: SandboxRequest, phoneNumberId: string) {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? "")) return graphError(401, 190, "Invalid OAuth access token - Cannot parse access token");
  if (!/^\d+$/.test(phoneNumberId)) return graphError(400, 100, `Unsupported post request. Object with ID '${phoneNumberId}' does not exist`);
  const b = (req.body && typeof req.body === "object" ? req.body : {}) as Record<string, unknown>;
  if (b.messaging_product !== "whatsapp") return graphError(400, 100, "(#100) The parameter messaging_product is required.");
  const to = typeof b.to === "string" ? b.to : "";
  if (!/^\+?\d{6,15}$/.test(to)) return graphError(400, 100, "(#100) Invalid parameter", "The parameter to is required and must be a phone number.");
  const type = typeof b.type === "string" ? b.type : "text";
  if (!TYPES.includes(type)) return graphError(400, 100, "(#100) Invalid parameter", `Unsupported message type ${type}`);
  const payload = b[type] as Record<string, unknown> | undefined;
  if (!payload) return graphError(400, 100, `(#100) The parameter ${type} is required.`);
  if (type === "template" && !(payload.name && (payload.language as { code?: unknown } | undefined)?.code)) {
    return graphError(400, 131008, "(#131008) Required parameter is missing", "template.name and template.language.code are required");
  }
  if (type === "text" && !payload.body) return graphError(400, 100, "(#100) The parameter text['body'] is required.");
  const waId = to.replace(/^\+/, "");
  const id = `wamid.HBgL${Buffer.from(`${waId}:${++seq}:${Date.now()}`).toString("base64url").slice(0, 40)}`;
  return {
    status: 200,
    body: {
      messaging_product: "whatsapp",
      contacts: [{ input: to, wa_id: waId }],
      messages: [{ id, ...(type === "template" ? { message_status: "accepted" } : {}) }],
    },
  };
}

const codes: Record<number, [number, string]> = {
  400: [100, "(#100) Invalid parameter"],
  401: [190, "Invalid OAuth access token"],
  403: [10, "(#10) Application does not have permission for this action"],
  404: [100, "(#100) Unsupported post request"],
  429: [130429, "(#130429) Rate limit hit"],
  500: [131000, "(#131000) Something went wrong"],
  503: [131016, "(#131016) Service unavailable"],
};

registerSimulator(
  "whatsapp",
  (req) => matchRoute(req, { "POST /:version/:phone/messages": (p) => sendMessage(req, p.phone!) }, () => graphError(404, 100, "Unknown path components")),
  (status, message) => {
    const [code, text] = codes[status] ?? [status >= 500 ? 131000 : 100, message];
    return graphError(status, code, text, message);
  },
);
