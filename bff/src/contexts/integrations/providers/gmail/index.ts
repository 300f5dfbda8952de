/** Gmail API: users.messages.send with an RFC 2822 message, base64url (https://developers.google.com/gmail/api/reference/rest/v1/users.messages/send). */
import { z } from "zod";
import { defineProvider } from "../../catalogue";
import { defineAction } from "../http";
import { googleOAuth } from "../common";

defineProvider({
  key: "gmail",
  name: "Gmail",
  category: "email",
  logo: { slug: "gmail", color: "#EA4335" },
  auth: googleOAuth(["https://www.googleapis.com/auth/gmail.send"]),
  baseUrl: "https://gmail.googleapis.com/gmail/v1",
  docsUrl: "https://developers.google.com/gmail/api",
});

const header = (v: string) => v.replace(/[\r\n]+/g, " ");

/** The RFC 2822 message Gmail expects in `raw` (UTF-8 subject as an RFC 2047 encoded word). */
export function rfc2822(i: { to: string; subject: string; body: string; cc?: string }): string {
  const lines = [
    `To: ${header(i.to)}`,
    ...(i.cc ? [`Cc: ${header(i.cc)}`] : []),
    `Subject: =?UTF-8?B?${Buffer.from(header(i.subject)).toString("base64")}?=`,
    "MIME-Version: 1.0",
    'Content-Type: text/plain; charset="UTF-8"',
    "",
    i.body,
  ];
  return lines.join("\r\n");
}

defineAction({
  provider: "gmail",
  action: "send_email",
  title: "Send an email",
  example: { to: "ada@example.com", subject: "Welcome", body: "Hello Ada" },
  input: z.object({ to: z.email(), subject: z.string().min(1).max(998), body: z.string(), cc: z.email().optional() }),
  request: (i) => ({ method: "POST", path: "/users/me/messages/send", json: { raw: Buffer.from(rfc2822(i)).toString("base64url") } }),
});
