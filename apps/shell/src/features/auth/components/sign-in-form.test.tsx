import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@nhood/web-kit";
import { SignInForm } from "./sign-in-form";

describe("SignInForm", () => {
  it("submits the trimmed email and the password", async () => {
    const onSubmit = vi.fn();
    render(<SignInForm onSubmit={onSubmit} pending={false} error={null} />);
    const button = screen.getByRole("button", { name: "Sign in" });
    expect(button).toBeDisabled();
    await userEvent.type(screen.getByLabelText("Email"), " dev@acme.test ");
    await userEvent.type(screen.getByLabelText("Password"), "demo-password-1");
    await userEvent.click(button);
    expect(onSubmit).toHaveBeenCalledWith({ email: "dev@acme.test", password: "demo-password-1" });
  });

  it("shows why sign-in failed", () => {
    const error = new ApiError(401, { type: "about:blank", title: "Invalid email or password", status: 401 });
    render(<SignInForm onSubmit={vi.fn()} pending={false} error={error} />);
    expect(screen.getByRole("alert")).toHaveTextContent("Couldn't sign you in");
    expect(screen.getByRole("alert")).toHaveTextContent("Invalid email or password");
  });
});
