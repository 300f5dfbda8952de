import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { EmailTemplatesPage } from "./email-templates-page";

const request = vi.fn();
vi.mock("@nhood/web-kit", async (original) => ({
  ...(await original<typeof import("@nhood/web-kit")>()),
  api: { request: (...args: unknown[]) => request(...args) },
  useActiveWorkspaceId: () => "ws-1",
  useMarkPortalReady: () => {},
}));

const answer = (kind: string) => ({
  kind,
  subject: kind === "quota" ? "You have used 80% of your events quota" : "New order #1042",
  html: `<html><body><div style="background-color:#0f766e">Acme</div><h1>${kind} heading</h1></body></html>`,
  text: `ACME\n\n${kind.toUpperCase()} TEXT PART`,
});

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <EmailTemplatesPage />
    </QueryClientProvider>,
  );
}

describe("EmailTemplatesPage", () => {
  beforeEach(() => {
    request.mockReset();
    request.mockImplementation(async (_method: string, path: string) => answer(/email-templates\/(\w+)\/preview/.exec(path)![1]!));
  });

  it("shows the notification e-mail's HTML in a sandboxed iframe and its text part, and one tab per kind", async () => {
    renderPage();
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual(["Notification", "Quota notice"]);
    expect(screen.getByRole("tab", { name: "Notification" })).toHaveAttribute("aria-selected", "true");
    const frame = await screen.findByTitle("HTML part of the notification e-mail");
    expect(frame.tagName).toBe("IFRAME");
    expect(frame).toHaveAttribute("sandbox", "");
    expect(frame.getAttribute("srcdoc")).toContain("background-color:#0f766e");
    expect(screen.getByTestId("email-subject")).toHaveTextContent("New order #1042");
    expect(screen.getByTestId("email-text")).toHaveTextContent("NOTIFICATION TEXT PART");
    expect(request).toHaveBeenCalledWith("GET", "/api/v1/workspaces/ws-1/email-templates/notification/preview", expect.anything());
  });

  it("switches to the quota notice on its tab", async () => {
    renderPage();
    await screen.findByTitle("HTML part of the notification e-mail");
    await userEvent.click(screen.getByRole("tab", { name: "Quota notice" }));
    expect(await screen.findByTitle("HTML part of the quota e-mail")).toHaveAttribute("sandbox", "");
    expect(screen.getByRole("tab", { name: "Quota notice" })).toHaveAttribute("aria-selected", "true");
    expect(screen.getByTestId("email-text")).toHaveTextContent("QUOTA TEXT PART");
    expect(screen.getByTestId("email-subject")).toHaveTextContent("You have used 80% of your events quota");
  });
});
