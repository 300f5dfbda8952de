import { createHmac } from "node:crypto";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ClientKeysPage } from "./client-keys-page";

const request = vi.fn();
vi.mock("@nhood/web-kit", async (original) => ({
  ...(await original<typeof import("@nhood/web-kit")>()),
  api: { request: (...args: unknown[]) => request(...args) },
  useActiveWorkspaceId: () => "ws-1",
  useMarkPortalReady: () => {},
}));

const keys = (n: number) => ({
  workspace_id: "0b9f7c52-4a57-4d0e-9a53-1f1f4b5e2a10",
  publishable_key: `nhood_pk_live${n}AbCdEf`,
  user_hash_secret: `nhood_uhs_secret${n}XyZ`,
  created_at: "2026-12-07T10:00:00.000Z",
});

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ClientKeysPage />
    </QueryClientProvider>,
  );
}

describe("ClientKeysPage", () => {
  // a block body: a function returned from beforeEach would run as its teardown
  beforeEach(() => {
    request.mockReset();
  });

  it("shows the publishable key, masks the user-hash secret until asked, and computes a userHash as the backend would", async () => {
    request.mockResolvedValue(keys(1));
    renderPage();
    expect(screen.getByText("Loading the client SDK keys…")).toBeInTheDocument();
    expect(await screen.findByTestId("publishable-key")).toHaveTextContent("nhood_pk_live1AbCdEf");
    expect(request).toHaveBeenCalledWith("GET", "/api/v1/workspaces/ws-1/client-keys", expect.anything(), undefined);
    expect(screen.getByTestId("user-hash-secret")).not.toHaveTextContent("nhood_uhs_secret1XyZ");
    await userEvent.click(screen.getByRole("button", { name: "Show secret" }));
    expect(screen.getByTestId("user-hash-secret")).toHaveTextContent("nhood_uhs_secret1XyZ");
    await userEvent.type(screen.getByLabelText("Try it: an external user id"), "user-42");
    const expected = createHmac("sha256", "nhood_uhs_secret1XyZ").update("user-42").digest("hex");
    await waitFor(() => expect(screen.getByTestId("user-hash")).toHaveTextContent(expected));
  });

  it("rotates after confirmation and shows the new keys", async () => {
    request.mockImplementation(async (method: string) => (method === "GET" ? keys(1) : keys(2)));
    renderPage();
    await screen.findByTestId("publishable-key");
    await userEvent.click(screen.getByRole("button", { name: "Rotate keys" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("apps holding the old key get 401");
    const buttons = screen.getAllByRole("button", { name: "Rotate keys" });
    await userEvent.click(buttons[buttons.length - 1]!);
    await waitFor(() => expect(screen.getByTestId("publishable-key")).toHaveTextContent("nhood_pk_live2AbCdEf"));
    expect(request).toHaveBeenCalledWith("POST", "/api/v1/workspaces/ws-1/client-keys/rotate", expect.anything(), undefined);
  });

  it("shows the problem when the keys cannot be read", async () => {
    const { ApiError } = await import("@nhood/web-kit");
    request.mockRejectedValue(new ApiError(403, { type: "about:blank", title: "Forbidden", status: 403, detail: "Developers and admins only." }));
    renderPage();
    expect(await screen.findByText("Couldn't load the client SDK keys")).toBeInTheDocument();
    expect(screen.getByText("Developers and admins only.")).toBeInTheDocument();
  });
});
