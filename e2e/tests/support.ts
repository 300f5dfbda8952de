/** Shared steps for the journeys: signing in through the shell and calling the API as the page. */
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { authenticator } from "otplib";

export const PASSWORD = "demo-password-1";

/**
 * The demo platform staff's TOTP secret (bff/src/seed/demo.ts, README): staff must answer a
 * second factor after the password (issue 18).
 */
export const DEMO_STAFF_TOTP_SECRET = "NHOODDEMOSTAFFTOTPSECRET234567AB";
const isStaff = (email: string) => email.endsWith("@neighbourhood.test");

/**
 * Signs in through the shell's form; demo staff then enter their authenticator's code, computed
 * with otplib. A code is accepted once per 30-second step and one step of drift is allowed, so
 * when another journey just spent this step's code the next step's is used, then the one after.
 */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(PASSWORD);
  await page.getByRole("button", { name: /sign in/i }).click();
  if (!isStaff(email)) return;
  const field = page.getByLabel("Authentication code");
  for (let attempt = 0; attempt < 3; attempt++) {
    await field.fill(authenticator.clone({ epoch: Date.now() + attempt * 30_000 }).generate(DEMO_STAFF_TOTP_SECRET));
    await page.getByRole("button", { name: "Verify" }).click();
    if (attempt > 0) await page.getByText(/already used/).waitFor({ state: "hidden" });
    const outcome = await Promise.race([
      field.waitFor({ state: "detached" }).then(() => "signed-in" as const),
      page
        .getByText(/already used/)
        .waitFor()
        .then(() => "replayed" as const),
    ]);
    if (outcome === "signed-in") return;
  }
  throw new Error(`the second factor of ${email} was refused three times`);
}

/** Waits for a portal's root to say its first data has rendered. */
export async function expectPortalReady(page: Page, portal: string): Promise<void> {
  await expect(page.locator(`[data-portal-ready="${portal}"]`)).toBeVisible();
}

/** Calls the BFF with the page's cookies, adding the CSRF header for writes. */
export async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === "nh_csrf")?.value ?? "";
  const res = await page.request.fetch(path, { method, headers: { "x-csrf-token": csrf }, data: body === undefined ? undefined : body });
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()} ${await res.text()}`);
  return (res.status() === 204 ? undefined : await res.json()) as T;
}

/** Counts React DOM renderers that register with the DevTools hook: one per copy of react-dom loaded. */
export async function countReactCopies(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __reactCopies: number; __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown };
    w.__reactCopies = 0;
    w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      isDisabled: false,
      renderers: new Map(),
      inject() {
        w.__reactCopies += 1;
        return w.__reactCopies;
      },
      onCommitFiberRoot() {},
      onCommitFiberUnmount() {},
      onPostCommitFiberRoot() {},
      checkDCE() {},
    };
  });
}

/**
 * As the signed-in developer on `page`, mints a connect session for Acme's end user `user_xyz`
 * and opens it in a fresh browser context, as the end user would; answers that context's page.
 */
export async function openClientPortalAsEndUser(page: Page, browser: Browser): Promise<{ client: Page; context: BrowserContext }> {
  const me = await api<{ workspace: { id: string } }>(page, "GET", "/api/v1/me");
  const endUsers = await api<{ items: { id: string; external_user_id: string }[] }>(page, "GET", `/api/v1/workspaces/${me.workspace.id}/end-users`);
  const xyz = endUsers.items.find((e) => e.external_user_id === "user_xyz")!;
  const session = await api<{ url: string }>(page, "POST", `/api/v1/workspaces/${me.workspace.id}/end-users/${xyz.id}/connect-session`, {});
  const context = await browser.newContext();
  const client = await context.newPage();
  const url = new URL(session.url);
  await client.goto(url.pathname + url.search);
  return { client, context };
}
