import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SetupProgress } from "@nhood/contracts/onboarding";
import { SetupWizard, SIGNUP_API_KEY_STORAGE } from "./setup-wizard";

const WS = "5a1b2c3d-0000-4000-8000-000000000001";
const WF = "3f1d2c4b-5a6e-4f70-8b9c-0d1e2f3a4b5c";
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const progress = (steps: Partial<SetupProgress["steps"]>, next: SetupProgress["next_step"]): SetupProgress => ({
  steps: { api_key: "pending", workflow: "pending", invite: "pending", provider: "pending", ...steps },
  next_step: next,
  dismissed: false,
});
const TEMPLATE = {
  id: "welcome-new-customer",
  name: "Welcome New Customer",
  description: "Slack and Salesforce for each new customer.",
  providers: ["slack", "salesforce"],
  definition: {
    name: "Welcome New Customer",
    trigger: { type: "webhook", path: "/new-customer" },
    steps: [{ provider: "slack", action: "send_message", config: {} }],
  },
};

const fetchMock = vi.fn();
beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal("fetch", fetchMock);
  sessionStorage.clear();
});
afterEach(() => vi.unstubAllGlobals());

function renderWizard(p: SetupProgress) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={["/setup"]}>
        <Routes>
          <Route path="/setup" element={<SetupWizard workspaceId={WS} progress={p} />} />
          <Route path="/workflows/:id" element={<p>editor open</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
const callsTo = (suffix: string) => fetchMock.mock.calls.filter(([url]) => String(url).endsWith(suffix));

describe("SetupWizard", { timeout: 20_000 }, () => {
  it("shows the sign-up's API key once, and records the step done on the server", async () => {
    sessionStorage.setItem(SIGNUP_API_KEY_STORAGE, "nhood_sk_live_example");
    fetchMock.mockResolvedValue(json(progress({ api_key: "done" }, "workflow")));
    renderWizard(progress({}, "api_key"));
    expect(screen.getByTestId("signup-api-key")).toHaveTextContent("nhood_sk_live_example");
    await userEvent.click(screen.getByRole("button", { name: "I've saved my key" }));
    await waitFor(() => expect(callsTo(`/workspaces/${WS}/setup`)).toHaveLength(1));
    const [, init] = callsTo(`/workspaces/${WS}/setup`)[0]!;
    expect(init.method).toBe("PUT");
    expect(JSON.parse(init.body)).toEqual({ step: "api_key", state: "done" });
  });

  it("says where to make a new key when the sign-up's key is gone", () => {
    renderWizard(progress({}, "api_key"));
    expect(screen.getByRole("link", { name: "create a new key" })).toBeInTheDocument();
  });

  it("resumes at the next step and creates the first workflow from a template, then opens the editor", async () => {
    fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
      if (url.endsWith("/workflow-templates")) return json({ items: [TEMPLATE] });
      if (url.endsWith("/workflows/from-template")) return json({ id: WF, name: TEMPLATE.name, status: "draft", template_id: TEMPLATE.id }, 201);
      if (url.endsWith("/setup") && init?.method === "PUT") return json(progress({ api_key: "done", workflow: "done" }, "invite"));
      return json({}, 404);
    });
    renderWizard(progress({ api_key: "done" }, "workflow"));
    expect(screen.getByRole("button", { name: /Your first workflow/ })).toHaveAttribute("aria-current", "step");
    await userEvent.click(await screen.findByRole("button", { name: "Use the template Welcome New Customer" }));
    expect(await screen.findByText("editor open")).toBeInTheDocument();
    expect(JSON.parse(callsTo("/workflows/from-template")[0]![1].body)).toEqual({ template_id: "welcome-new-customer" });
    await waitFor(() => expect(JSON.parse(callsTo("/setup")[0]![1].body)).toEqual({ step: "workflow", state: "done" }));
  });

  it("invites a teammate with a role and shows a refused address at its field", async () => {
    fetchMock.mockImplementationOnce(async () =>
      json(
        {
          type: "about:blank",
          title: "Conflict",
          status: 409,
          detail: "This person is already a member.",
          errors: [{ pointer: "#/email", detail: "already a member of this workspace" }],
        },
        409,
      ),
    );
    fetchMock.mockImplementationOnce(async () =>
      json(
        {
          id: "6f1e2d3c-4b5a-4968-8776-655443322110",
          email: "sam@initech.example",
          role: "admin",
          status: "pending",
          expires_at: "2026-12-14T00:00:00Z",
          created_at: "2026-12-07T00:00:00Z",
          email_sent: true,
        },
        201,
      ),
    );
    renderWizard(progress({ api_key: "done", workflow: "done" }, "invite"));
    await userEvent.type(screen.getByLabelText("Teammate's e-mail"), "bill@initech.example");
    await userEvent.click(screen.getByRole("button", { name: "Send invitation" }));
    expect(await screen.findByText("already a member of this workspace")).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText("Teammate's e-mail"));
    await userEvent.type(screen.getByLabelText("Teammate's e-mail"), "sam@initech.example");
    await userEvent.selectOptions(screen.getByLabelText("Role"), "admin");
    await userEvent.click(screen.getByRole("button", { name: "Send invitation" }));
    expect(await screen.findByText("Invited sam@initech.example as admin")).toBeInTheDocument();
    expect(JSON.parse(fetchMock.mock.calls[1]![1].body)).toEqual({ email: "sam@initech.example", role: "admin" });
  });

  it("lets every step be skipped", async () => {
    fetchMock.mockResolvedValue(json(progress({ api_key: "done", workflow: "done", invite: "done", provider: "skipped" }, null)));
    renderWizard(progress({ api_key: "done", workflow: "done", invite: "done" }, "provider"));
    await userEvent.click(screen.getByRole("button", { name: "Skip this step" }));
    await waitFor(() => expect(JSON.parse(callsTo("/setup")[0]![1].body)).toEqual({ step: "provider", state: "skipped" }));
  });
});
