/**
 * E-mail over SMTP with nodemailer. `SMTP_URL` (e.g. `smtp://user:pass@mail.example.com:587`)
 * configures the transport; `SMTP_FROM` the sender. Without `SMTP_URL` a send fails with a clear
 * error, which is recorded on the delivery (nothing is silently dropped).
 */
import nodemailer, { type Transporter } from "nodemailer";

let cached: { url: string; transport: Transporter } | null = null;

export class MailNotConfigured extends Error {}

function transport(): Transporter {
  const url = process.env.SMTP_URL;
  if (!url) throw new MailNotConfigured("SMTP is not configured (set SMTP_URL)");
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** the HTML alternative (email-templates.tsx); with it the message is multipart/alternative, text first */
  html?: string;
}

/** Sends one message (text, or text + HTML as multipart/alternative); answers the SMTP message id. Throws on refusal or network failure. */
export async function sendMail(mail: Mail): Promise<string> {
  const info = await transport().sendMail({ from: process.env.SMTP_FROM ?? "NeighbourHood <notifications@neighbourhood.local>", ...mail });
  return info.messageId;
}
