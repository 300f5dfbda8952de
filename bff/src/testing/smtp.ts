/**
 * A local SMTP server (smtp-server) that keeps every message it receives, for tests of e-mail
 * sending: `startSmtpCatcher()` listens on a free port of 127.0.0.1 and points SMTP_URL at it;
 * `catchMailInThisFile()` does that around a test file and answers the (live) list of mails.
 */
import { afterAll, beforeAll } from "vitest";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  to: string[];
  body: string;
}

export interface SmtpCatcher {
  /** every message received so far: envelope recipients and the raw message */
  mails: CaughtMail[];
  close: () => Promise<void>;
}

/** Listens on a free port of 127.0.0.1, points SMTP_URL at it, and adds what arrives to `into`. */
export async function startSmtpCatcher(into: CaughtMail[] = []): Promise<SmtpCatcher> {
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, cb) {
      let body = "";
      stream.on("data", (d: Buffer) => (body += d.toString()));
      stream.on("end", () => {
        into.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
  return { mails: into, close: () => new Promise<void>((r) => smtp.close(() => r())) };
}

/** Starts a catcher before the file's tests and closes it after them; answers its live `mails`. */
export function catchMailInThisFile(): CaughtMail[] {
  const mails: CaughtMail[] = [];
  let catcher: SmtpCatcher | null = null;
  beforeAll(async () => {
    catcher = await startSmtpCatcher(mails);
  });
  afterAll(async () => {
    await catcher?.close();
  });
  return mails;
}
