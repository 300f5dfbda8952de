import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@nhood/contracts/client";
import { PushCredentialsPage } from "./push-credentials-page";

const request = vi.fn();
vi.mock("@nhood/web-kit", async (original) => ({
  ...(await original<typeof import("@nhood/web-kit")>()),
  api: { request: (...args: unknown[]) => request(...args) },
  useActiveWorkspaceId: () => "ws-1",
  useMarkPortalReady: () => {},
}));

const fcm = {
  project_id: "acme-mobile",
  client_email: "push@acme-mobile.iam.gserviceaccount.com",
  private_key_id: "a1b2c3",
  token_uri: "https://oauth2.googleapis.com/token",
  updated_at: "2026-12-07T10:00:00.000Z",
};
const apns = {
  key_id: "ABC123DEFG",
  team_id: "DEF123GHIJ",
  bundle_id: "com.acme.app",
  environment: "production" as const,
  updated_at: "2026-12-07T10:00:00.000Z",
};

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <PushCredentialsPage />
    </QueryClientProvider>,
  );
}

describe("PushCredentialsPage", () => {
  // a block body: a function returned from beforeEach would run as its teardown
  beforeEach(() => {
    request.mockReset();
  });

  it("shows each provider's status without any secret", async () => {
    request.mockResolvedValue({ fcm, apns: null });
    renderPage();
    expect(screen.getByText("Loading the push credentials…")).toBeInTheDocument();
    expect(await screen.findByText("acme-mobile")).toBeInTheDocument();
    expect(screen.getByText("push@acme-mobile.iam.gserviceaccount.com")).toBeInTheDocument();
    expect(screen.getByText("Configured")).toBeInTheDocument();
    expect(screen.getByText("Not configured")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Set up" })).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/PRIVATE KEY/);
  });

  it("sets FCM from the pasted service account JSON and shows the saved state", async () => {
    request.mockImplementation(async (method: string) => (method === "GET" ? { fcm: null, apns: null } : { fcm, apns: null }));
    renderPage();
    await userEvent.click((await screen.findAllByRole("button", { name: "Set up" }))[0]!);
    const dialog = await screen.findByRole("dialog");
    const account = {
      type: "service_account",
      project_id: "acme-mobile",
      private_key_id: "a1b2c3",
      private_key: "-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----",
      client_email: fcm.client_email,
    };
    fireEvent.change(within(dialog).getByLabelText("Service account key (JSON)"), { target: { value: JSON.stringify(account) } });
    await userEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith("PUT", "/api/v1/workspaces/ws-1/push-credentials/fcm", expect.anything(), { service_account: account }),
    );
    expect(await screen.findByText("acme-mobile")).toBeInTheDocument();
  });

  it("says when the pasted text is not JSON, and shows the BFF's field errors for APNs", async () => {
    request.mockImplementation(async (method: string) => {
      if (method === "GET") return { fcm: null, apns: null };
      throw new ApiError(400, {
        type: "about:blank",
        title: "Validation failed",
        status: 400,
        errors: [{ pointer: "#/key_id", detail: "the 10-character key id" }],
      });
    });
    renderPage();
    const [fcmButton, apnsButton] = await screen.findAllByRole("button", { name: "Set up" });
    await userEvent.click(fcmButton!);
    let dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Service account key (JSON)"), { target: { value: "{not json" } });
    await userEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(within(dialog).getByText("This is not JSON: paste the whole service account key file.")).toBeInTheDocument();
    expect(request).toHaveBeenCalledTimes(1);
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));

    await userEvent.click(apnsButton!);
    dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText("Key id"), "short");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("the 10-character key id")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Key id")).toHaveAttribute("aria-invalid", "true");
  });

  it("removes a provider's credentials after confirmation", async () => {
    let configured = true;
    request.mockImplementation(async (method: string) => {
      if (method === "DELETE") {
        configured = false;
        return undefined;
      }
      return { fcm: null, apns: configured ? apns : null };
    });
    renderPage();
    expect(await screen.findByText("com.acme.app")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Remove" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Remove" }));
    await waitFor(() => expect(screen.queryByText("com.acme.app")).not.toBeInTheDocument());
    expect(request).toHaveBeenCalledWith("DELETE", "/api/v1/workspaces/ws-1/push-credentials/apns", null, undefined);
    expect(screen.getAllByText("Not configured")).toHaveLength(2);
  });
});
