/** Shared steps for the journeys: signing in through the shell and calling the API as the page. */
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export const PASSWORD = "demo-password-1";

/** Signs in through the shell's form and waits until the first portal is rendered. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(PASSWORD);
  await page.getByRole("button", { name: /sign in/i }).click();
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
