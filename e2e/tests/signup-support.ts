/**
 * Steps of the sign-up journey (issue 16), reusable by its variants (e.g. a paid plan through
 * Stripe Checkout): a local SMTP server that catches the suite's e-mail, signing up from the
 * sign-in page, verifying the e-mail from the caught message, the setup wizard, and accepting an
 * invitation in a fresh browser context.
 *
 * The suite sends mail to `SMTP_URL`, which playwright.config.ts points at 127.0.0.1:<E2E_PORT +
 * 3000>; `startMailCatcher()` listens there (one journey at a time may hold it).
 */
import { expect, type Browser, type Page } from "@playwright/test";
import { SMTPServer } from "smtp-server";

export const SMTP_PORT = Number(process.env.E2E_PORT ?? 8180) + 3000;

export interface CaughtMail {
  to: string[];
  /** the raw message, quoted-printable soft breaks undone */
  text: string;
}

export interface MailCatcher {
  mails: CaughtMail[];
  /** waits for a message to `to` holding a link to `path` (`/verify-email`, `/invitations/accept`) and answers that link's path and query */
  linkTo: (to: string, path: string) => Promise<string>;
  close: () => Promise<void>;
}

/** Listens on SMTP_PORT and keeps what arrives. */
export async function startMailCatcher(): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, cb) {
      let raw = "";
      stream.on("data", (d: Buffer) => (raw += d.toString()));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), text: raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=") });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(SMTP_PORT, "127.0.0.1", () => resolve());
  });
  const linkTo = async (to: string, path: string) => {
    const pattern = new RegExp(`https?://[^\\s"<>]*(${path.replace(/\//g, "\\/")}\\?token=[A-Za-z0-9_-]+)`);
    let found: string | undefined;
    await expect
      .poll(
        () => {
          const mail = [...mails].reverse().find((m) => m.to.includes(to.toLowerCase()) && pattern.test(m.text));
          found = mail?.text.match(pattern)?.[1];
          return found;
        },
        { message: `an e-mail to ${to} with a ${path} link`, timeout: 15_000 },
      )
      .toBeTruthy();
    return found!;
  };
  return { mails, linkTo, close: () => new Promise<void>((r) => smtp.close(() => r())) };
}

export interface NewCompany {
  workspace: string;
  owner: string;
  email: string;
  password: string;
  /** the plan's name as the picker shows it, e.g. "Free" */
  planName: string;
}

/** From the sign-in page: follows "Create a workspace", fills the form, and lands on the setup wizard. */
export async function signUpFromSignIn(page: Page, c: NewCompany): Promise<void> {
  await page.goto("/");
  await page.getByRole("link", { name: "Create a workspace" }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  await page.getByLabel("Workspace name").fill(c.workspace);
  await page.getByLabel("Your name").fill(c.owner);
  await page.getByLabel("Work e-mail").fill(c.email);
  await page.getByLabel(/^Password/).fill(c.password);
  await expect(page.getByTestId("password-strength")).toContainText(/Strong|Very strong/);
  await page.getByRole("radio", { name: new RegExp(`^${c.planName} —`) }).check();
  await page.getByRole("button", { name: "Create workspace" }).click();
}

/** Expects the setup wizard of the developer portal. */
export async function expectSetupWizard(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/developer\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up your workspace" })).toBeVisible();
}

/** Opens the verification link from the caught e-mail in `page` and expects the confirmation. */
export async function verifyEmailFromMail(page: Page, mail: MailCatcher, email: string): Promise<void> {
  const link = await mail.linkTo(email, "/verify-email");
  await page.goto(link);
  await expect(page.getByRole("status")).toContainText(`${email.toLowerCase()} is verified`);
}

/** In the wizard: saves the API key shown once, then makes the first workflow from `template` and expects the editor. */
export async function wizardKeyAndTemplate(page: Page, template: string): Promise<void> {
  await expect(page.getByTestId("signup-api-key")).toContainText(/^nhood_sk_live_/);
  await page.getByRole("button", { name: "I've saved my key" }).click();
  await page.getByRole("button", { name: `Use the template ${template}` }).click();
  await expect(page).toHaveURL(/\/developer\/workflows\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel("Workflow name")).toHaveValue(template);
}

/** Back in the wizard (it resumes at Invite): invites `email` with `role` and expects it sent. */
export async function wizardInvite(page: Page, email: string, roleLabel: string): Promise<void> {
  await page.goto("/developer/setup");
  await expect(page.getByRole("button", { name: /Invite your team/ })).toHaveAttribute("aria-current", "step");
  await page.getByLabel("Teammate's e-mail").fill(email);
  await page.getByLabel("Role").selectOption({ label: roleLabel });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("list", { name: "Invitations sent" })).toContainText(`Invited ${email.toLowerCase()}`);
  await page.getByRole("button", { name: "Done, next step" }).click();
  await expect(page.getByRole("button", { name: /Connect a provider/ })).toHaveAttribute("aria-current", "step");
}

/** Opens the invitation link in a fresh browser context, sets name and password, and expects to be signed in. */
export async function acceptInvitation(browser: Browser, path: string, name: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  await expect(page.getByRole("heading", { name: /^Join / })).toBeVisible();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Accept and sign in" }).click();
  return page;
}
