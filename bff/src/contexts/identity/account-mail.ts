/**
 * The account-mail port: identity sends its own e-mails (verification links, invitations) through
 * a sender that a context above binds when it loads — notifications binds its SMTP sender
 * (`sendMail`, nodemailer over `SMTP_URL`). Identity is the lowest context and cannot import it.
 */
import { logger } from "../../lib/logger";

export interface AccountMail {
  to: string;
  subject: string;
  text: string;
}

type Sender = (mail: AccountMail) => Promise<string>;
let sender: Sender | null = null;

/** Binds the sender (notifications/index.ts binds its SMTP `sendMail`). */
export function bindAccountMailer(send: Sender): void {
  sender = send;
}

/**
 * Sends one account e-mail; answers whether the SMTP server took it. A failure (no SMTP_URL,
 * refused, unreachable) is logged, not thrown: the account change stands and the person can ask
 * for the link again.
 */
export async function sendAccountMail(mail: AccountMail): Promise<boolean> {
  if (!sender) {
    logger.warn({ to: mail.to }, "no account mailer bound: the e-mail was not sent");
    return false;
  }
  try {
    await sender(mail);
    return true;
  } catch (err) {
    logger.warn({ err, to: mail.to, subject: mail.subject }, "account e-mail not sent");
    return false;
  }
}
