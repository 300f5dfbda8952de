/** "Sign in with SSO" on the sign-in page, against a stand-in for the BFF's HTTP answers (global `fetch`). */
import { QueryProvider } from "@nhood/web-kit";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SignInPage } from "./sign-in-page";

const renderAt = (entry: string) =>
  render(
    <QueryProvider>
      <MemoryRouter initialEntries={[entry]}>
        <SignInPage />
      </MemoryRouter>
    </QueryProvider>,
  );

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json" } });

afterEach(() => vi.unstubAllGlobals());

describe("Sign in with SSO", () => {
  it("asks for the work e-mail and sends the browser to the workspace's identity provider", async () => {
    const fetch = vi.fn(async () => answer(200, { redirect_url: "https://login.acme.example/authorize?state=s" }));
    const assign = vi.fn();
    vi.stubGlobal("fetch", fetch);
    vi.stubGlobal("location", { ...window.location, assign });
    renderAt("/");
    await userEvent.click(screen.getByRole("link", { name: "Sign in with SSO" }));
    await userEvent.type(await screen.findByLabelText("Work e-mail"), "robin@acme.example");
    await userEvent.click(screen.getByRole("button", { name: "Continue with SSO" }));
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith("https://login.acme.example/authorize?state=s"));
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/v1/auth/sso/start");
    expect(JSON.parse(String(init.body))).toEqual({ email: "robin@acme.example" });
  });

  it("says when the e-mail's domain has no single sign-on", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => answer(404, { type: "about:blank", title: "Not found", status: 404, detail: "single sign-on for this e-mail domain was not found" })),
    );
    renderAt("/?sso");
    await userEvent.type(await screen.findByLabelText("Work e-mail"), "someone@nowhere.example");
    await userEvent.click(screen.getByRole("button", { name: "Continue with SSO" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Couldn't start single sign-on");
    await userEvent.click(screen.getByRole("link", { name: "Use your password instead" }));
    expect(await screen.findByLabelText("Password")).toBeInTheDocument();
  });

  it("shows the error the SSO callback reported", async () => {
    renderAt(`/?sso_error=${encodeURIComponent("Single sign-on failed (state already used); start again from the sign-in page.")}`);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Single sign-on didn't work");
    expect(alert).toHaveTextContent("state already used");
    expect(screen.getByLabelText("Work e-mail")).toBeInTheDocument();
  });
});
