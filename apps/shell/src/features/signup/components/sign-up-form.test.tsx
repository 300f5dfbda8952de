import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@nhood/web-kit";
import type { PublicPlan } from "@nhood/contracts/onboarding";
import { SignUpForm } from "./sign-up-form";

const PLANS: PublicPlan[] = [
  { id: "free", name: "Free", price_cents: 0, events_per_month: 10000, notifications_per_month: 5000, users: 3, trial_days: 0 },
  { id: "professional", name: "Professional", price_cents: 9900, events_per_month: 1000000, notifications_per_month: 500000, users: null, trial_days: 14 },
];

async function fill(password = "correct horse battery staple") {
  await userEvent.type(screen.getByLabelText("Workspace name"), " Initech ");
  await userEvent.type(screen.getByLabelText("Your name"), "Peter Gibbons");
  await userEvent.type(screen.getByLabelText("Work e-mail"), "peter@initech.example");
  await userEvent.type(screen.getByLabelText(/^Password/), password);
}

// typing with user-event and the first load of the zxcvbn dictionaries take seconds on a shared machine
describe("SignUpForm", { timeout: 30_000 }, () => {
  it("offers the plans from the API with their price and trial, and submits the trimmed fields and the chosen plan", async () => {
    const onSubmit = vi.fn();
    render(<SignUpForm plans={PLANS} onSubmit={onSubmit} pending={false} error={null} />);
    expect(screen.getByRole("radio", { name: /Free — free/ })).toBeChecked();
    expect(screen.getByRole("radio", { name: /Professional — \$99 a month.*14-day free trial/ })).toBeInTheDocument();
    const button = screen.getByRole("button", { name: "Create workspace" });
    expect(button).toBeDisabled();
    await fill();
    await userEvent.click(screen.getByRole("radio", { name: /Professional/ }));
    await userEvent.click(button);
    expect(onSubmit).toHaveBeenCalledWith({
      name: "Initech",
      owner_name: "Peter Gibbons",
      email: "peter@initech.example",
      password: "correct horse battery staple",
      plan: "professional",
    });
  });

  it("keeps the button off and says why while the password is shorter than 12 characters", async () => {
    render(<SignUpForm plans={PLANS} onSubmit={vi.fn()} pending={false} error={null} />);
    await fill("short-pw");
    expect(screen.getByRole("button", { name: "Create workspace" })).toBeDisabled();
    expect(screen.getByText("must be at least 12 characters")).toBeInTheDocument();
  });

  it("rates a guessable password weak and a long random one strong (zxcvbn-ts)", async () => {
    const { rerender } = render(<SignUpForm plans={PLANS} onSubmit={vi.fn()} pending={false} error={null} />);
    await userEvent.type(screen.getByLabelText(/^Password/), "password1234");
    await waitFor(() => expect(screen.getByTestId("password-strength")).toHaveTextContent(/Very weak|Weak/), { timeout: 10_000 });
    await userEvent.clear(screen.getByLabelText(/^Password/));
    await userEvent.type(screen.getByLabelText(/^Password/), "q8#Vt!2mZr@Lp9$Xw");
    await waitFor(() => expect(screen.getByTestId("password-strength")).toHaveTextContent("Very strong"), { timeout: 10_000 });
    rerender(<SignUpForm plans={PLANS} onSubmit={vi.fn()} pending={false} error={null} />);
  });

  it("shows the BFF's field errors at their fields (problem+json pointers)", () => {
    const error = new ApiError(400, {
      type: "https://neighbourhood.dev/problems/validation-failed",
      title: "Your request is not valid",
      status: 400,
      detail: "There is no such plan.",
      errors: [
        { pointer: "#/plan", detail: 'unknown plan "platinum"' },
        { pointer: "#/email", detail: "already registered" },
      ],
    });
    render(<SignUpForm plans={PLANS} onSubmit={vi.fn()} pending={false} error={error} />);
    expect(screen.getByRole("alert")).toHaveTextContent("Couldn't create your workspace");
    expect(screen.getByLabelText("Work e-mail")).toHaveAccessibleDescription(/already registered/);
    expect(screen.getByText('unknown plan "platinum"', { selector: "#plan-error" })).toBeInTheDocument();
  });
});
