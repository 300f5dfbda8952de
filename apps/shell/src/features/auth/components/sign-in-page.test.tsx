import { render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { QueryProvider } from "@nhood/web-kit";
import { MemoryRouter } from "react-router-dom";
import { SignInPage } from "./sign-in-page";

const renderPage = () =>
  render(
    <QueryProvider>
      <MemoryRouter>
        <SignInPage />
      </MemoryRouter>
    </QueryProvider>,
  );

describe("SignInPage", () => {
  afterEach(() => document.getElementById("nh-host-branding")?.remove());

  it("is NeighbourHood's on the platform's own host", () => {
    renderPage();
    expect(screen.getByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.getByText("NeighbourHood")).toBeInTheDocument();
    // self-service sign-up (issue 16) starts here
    expect(screen.getByRole("link", { name: "Create a workspace" })).toHaveAttribute("href", "/sign-up");
  });

  it("shows the workspace's name and logo on its custom domain", () => {
    const el = Object.assign(document.createElement("script"), { id: "nh-host-branding", type: "application/json" });
    el.textContent = JSON.stringify({ display_name: "Acme", logo_url: "/brand/acme-logo.svg", primary_color: "#0f766e", custom_domain: "portal.acme.example" });
    document.head.append(el);
    renderPage();
    expect(screen.getByRole("heading", { name: "Sign in to Acme" })).toBeInTheDocument();
    expect(screen.getByRole("img", { name: "Acme logo" })).toHaveAttribute("src", "/brand/acme-logo.svg");
    expect(screen.queryByText("NeighbourHood")).not.toBeInTheDocument();
    // a workspace's branded sign-in offers no sign-up of new NeighbourHood workspaces
    expect(screen.queryByRole("link", { name: "Create a workspace" })).not.toBeInTheDocument();
  });
});
