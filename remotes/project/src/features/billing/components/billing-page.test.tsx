import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { BillingSummary } from "@nhood/contracts/billing";
import { BillingPage } from "./billing-page";

const request = vi.fn();
vi.mock("@nhood/web-kit", async (original) => ({
  ...(await original<typeof import("@nhood/web-kit")>()),
  api: { request: (...args: unknown[]) => request(...args) },
  useActiveWorkspaceId: () => "ws-1",
  useMarkPortalReady: () => {},
}));

const free: BillingSummary = {
  enabled: true,
  plan: "free",
  paid_plans: [
    { id: "starter", name: "Starter", price_cents: 4900, overage: true },
    { id: "professional", name: "Professional", price_cents: 19900, overage: true },
  ],
  subscription_status: null,
  payment_state: "ok",
  grace_until: null,
  current_period_end: null,
  next_invoice: null,
  payment_method: null,
  invoices: [],
};

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <BillingPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("BillingPage", () => {
  beforeEach(() => request.mockReset());

  it("offers the paid plans and sends the browser to Stripe Checkout for the one chosen", async () => {
    const assign = vi.fn();
    vi.stubGlobal("location", { ...window.location, assign });
    request.mockImplementation(async (method: string) => (method === "POST" ? { url: "https://checkout.stripe.test/cs_1" } : free));
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Upgrade to Professional" }));
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith("https://checkout.stripe.test/cs_1"));
    expect(request).toHaveBeenCalledWith("POST", "/api/v1/workspaces/ws-1/billing/checkout", expect.anything(), {
      plan: "professional",
      return_path: "/project/billing",
    });
    expect(screen.getByText("No invoices yet.")).toBeInTheDocument();
    vi.unstubAllGlobals();
  });

  it("shows the subscription's payment method, next invoice, invoices and the failed payment", async () => {
    request.mockResolvedValue({
      ...free,
      plan: "professional",
      subscription_status: "past_due",
      payment_state: "grace",
      grace_until: "2026-12-14T10:00:00.000Z",
      current_period_end: "2027-01-07T10:00:00.000Z",
      next_invoice: { amount_due: 19900, currency: "usd", date: "2027-01-07T10:00:00.000Z" },
      payment_method: { brand: "visa", last4: "4242", exp_month: 3, exp_year: 2030 },
      invoices: [
        {
          id: "in_1",
          number: "NH-0001",
          status: "paid",
          amount_due: 19900,
          amount_paid: 19900,
          currency: "usd",
          created: "2026-12-07T10:00:00.000Z",
          hosted_invoice_url: null,
        },
      ],
    } satisfies BillingSummary);
    renderPage();
    expect(await screen.findByText("visa ending in 4242, expires 03/2030")).toBeInTheDocument();
    expect(screen.getByText(/\$199\.00 on/)).toBeInTheDocument();
    expect(screen.getByRole("cell", { name: "NH-0001" })).toBeInTheDocument();
    expect(screen.getByText(/payment failed · suspension/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Manage billing in Stripe" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Upgrade to/ })).not.toBeInTheDocument();
  });

  it("says that billing is off when the installation has no Stripe key", async () => {
    request.mockResolvedValue({ ...free, enabled: false, paid_plans: [] });
    renderPage();
    expect(await screen.findByText("Online billing is off")).toBeInTheDocument();
  });
});
