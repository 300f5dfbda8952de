import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ProviderSummary } from "@nhood/web-kit";
import { ProviderCard } from "./provider-card";

const base: ProviderSummary = {
  key: "github",
  name: "GitHub",
  category: "developer",
  auth_kind: "oauth2",
  scopes: ["repo"],
  credential_fields: [],
  config_fields: [],
  base_url: "https://api.github.com",
  docs_url: "",
  logo_url: "/api/v1/integrations/providers/github/logo.svg",
  color: "#181717",
  actions: [{ key: "github.create_issue", title: "Create an issue" }],
  enabled: false,
};

describe("ProviderCard", () => {
  it("shows an OAuth provider without an app as needing one, and offers set-up and webhooks", async () => {
    const onSetUp = vi.fn();
    const onWebhooks = vi.fn();
    render(<ProviderCard provider={base} onSetUp={onSetUp} onWebhooks={onWebhooks} />);
    expect(screen.getByText("Needs an OAuth app")).toBeInTheDocument();
    expect(screen.getByText("github.create_issue")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Set up the GitHub OAuth app" }));
    expect(onSetUp).toHaveBeenCalledWith(base);
    await userEvent.click(screen.getByRole("button", { name: "GitHub webhooks" }));
    expect(onWebhooks).toHaveBeenCalledWith(base);
  });

  it("says whose OAuth app the connect flow uses: the workspace's own, else the platform's", async () => {
    const onSetUp = vi.fn();
    const { rerender } = render(<ProviderCard provider={{ ...base, enabled: true, oauth_app: "platform" }} onSetUp={onSetUp} />);
    expect(screen.getByText("Platform's OAuth app")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Set up the GitHub OAuth app" }));
    expect(screen.getByRole("button", { name: "Set up the GitHub OAuth app" })).toHaveTextContent("Use your own");
    rerender(<ProviderCard provider={{ ...base, enabled: true, oauth_app: "workspace" }} onSetUp={onSetUp} />);
    expect(screen.getByText("Your OAuth app set up")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Edit the GitHub OAuth app" })).toBeInTheDocument();
  });

  it("says end users bring their own key for API-key providers, with no OAuth button", () => {
    render(<ProviderCard provider={{ ...base, key: "stripe", name: "Stripe", auth_kind: "api_key" }} onSetUp={() => {}} />);
    expect(screen.getByText("End users enter their key")).toBeInTheDocument();
    expect(screen.queryByRole("button")).toBeNull();
  });
});
