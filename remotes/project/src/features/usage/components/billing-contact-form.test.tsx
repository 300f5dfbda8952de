import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { BillingContactForm } from "./billing-contact-form";

describe("BillingContactForm", () => {
  it("says the owners get quota warnings when no address is set, and saves a trimmed address", async () => {
    const onSave = vi.fn();
    render(<BillingContactForm contact={{ billing_email: null, recipients: ["owner@acme.test"] }} saving={false} error={null} onSave={onSave} />);
    expect(screen.getByTestId("billing-recipients")).toHaveTextContent("owner@acme.test — the workspace's owners");
    expect(screen.queryByRole("button", { name: "Send to the owners" })).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Billing e-mail"), "  billing@acme.test ");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(onSave).toHaveBeenCalledWith("billing@acme.test");
  });

  it("offers to send to the owners again once an address is set", async () => {
    const onSave = vi.fn();
    render(
      <BillingContactForm contact={{ billing_email: "billing@acme.test", recipients: ["billing@acme.test"] }} saving={false} error={null} onSave={onSave} />,
    );
    expect(screen.getByLabelText("Billing e-mail")).toHaveValue("billing@acme.test");
    await userEvent.click(screen.getByRole("button", { name: "Send to the owners" }));
    expect(onSave).toHaveBeenCalledWith(null);
  });
});
