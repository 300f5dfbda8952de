import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ConnectionDetail, ProviderSummary } from "@nhood/web-kit";
import { AppsList } from "./apps-list";

const provider = (key: string, name: string, auth_kind: ProviderSummary["auth_kind"] = "oauth2"): ProviderSummary => ({
  key,
  name,
  category: "communication",
  auth_kind,
  scopes: [],
  credential_fields: [],
  config_fields: [],
  base_url: "",
  docs_url: "",
  logo_url: `/logo/${key}.svg`,
  color: "#000",
  actions: [],
});
const connection = (over: Partial<ConnectionDetail>): ConnectionDetail => ({
  id: "6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a090",
  provider: "slack",
  status: "active",
  scopes: ["chat:write"],
  created_at: "2025-11-02T08:00:00Z",
  expires_at: null,
  last_error: null,
  last_refreshed_at: null,
  config: {},
  ...over,
});

describe("AppsList", () => {
  it("tells the end user what happens when nothing is offered", () => {
    render(<AppsList providers={[]} connections={[]} company="Acme" busyProvider={null} onConnect={() => {}} onDisconnect={() => {}} />);
    expect(screen.getByRole("heading", { name: "No apps to connect yet" })).toBeInTheDocument();
  });

  it("offers Connect, shows a connection's status and Disconnect, and Reconnect with the error when expired", async () => {
    const onConnect = vi.fn();
    const onDisconnect = vi.fn();
    render(
      <AppsList
        company="Acme"
        busyProvider={null}
        onConnect={onConnect}
        onDisconnect={onDisconnect}
        providers={[provider("slack", "Slack"), provider("github", "GitHub"), provider("hubspot", "HubSpot")]}
        connections={[
          connection({}),
          connection({ id: "7e5d4c3b-2a19-4807-b6f5-e4d3c2b1a090", provider: "hubspot", status: "expired", scopes: [], last_error: "invalid_grant" }),
        ]}
      />,
    );
    expect(screen.getByText("Connected")).toBeInTheDocument();
    expect(screen.getByText(/access: chat:write/)).toBeInTheDocument();
    expect(screen.getByText("invalid_grant")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Disconnect" }));
    expect(onDisconnect).toHaveBeenCalledWith(expect.objectContaining({ provider: "slack" }));
    await userEvent.click(screen.getByRole("button", { name: "Connect" }));
    expect(onConnect).toHaveBeenCalledWith(expect.objectContaining({ key: "github" }));
    await userEvent.click(screen.getByRole("button", { name: "Reconnect" }));
    expect(onConnect).toHaveBeenLastCalledWith(expect.objectContaining({ key: "hubspot" }));
  });
});
