import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@nhood/web-kit";
import { OAuthAppDialog } from "./oauth-app-dialog";

const providers = [
  { value: "slack", label: "Slack" },
  { value: "github", label: "GitHub" },
];

describe("OAuthAppDialog", () => {
  it("sends the chosen provider, client id, secret and split scopes", async () => {
    const onSubmit = vi.fn();
    render(<OAuthAppDialog provider={null} providers={providers} pending={false} error={null} onCancel={vi.fn()} onSubmit={onSubmit} />);
    await userEvent.selectOptions(screen.getByLabelText("Provider"), "github");
    await userEvent.type(screen.getByLabelText("Client id"), " gh-client ");
    await userEvent.type(screen.getByLabelText("Client secret"), "s3cret");
    await userEvent.type(screen.getByLabelText("Scopes (optional)"), "repo, read:user");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(onSubmit).toHaveBeenCalledWith("github", { client_id: "gh-client", client_secret: "s3cret", scopes: ["repo", "read:user"] });
  });

  it("replacing an app asks for no provider and leaves scopes out when empty; Save waits for id and secret", async () => {
    const onSubmit = vi.fn();
    render(<OAuthAppDialog provider="slack" providers={[]} pending={false} error={null} onCancel={vi.fn()} onSubmit={onSubmit} />);
    expect(screen.queryByLabelText("Provider")).toBeNull();
    expect(screen.getByRole("button", { name: "Save" })).toBeDisabled();
    await userEvent.type(screen.getByLabelText("Client id"), "c");
    await userEvent.type(screen.getByLabelText("Client secret"), "s");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(onSubmit).toHaveBeenCalledWith("slack", { client_id: "c", client_secret: "s" });
  });

  it("shows the BFF's problem and the field at fault", () => {
    const error = new ApiError(400, {
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      detail: "Some fields are invalid.",
      errors: [{ pointer: "#/client_id", detail: "too long" }],
    } as never);
    render(<OAuthAppDialog provider="slack" providers={[]} pending={false} error={error} onCancel={vi.fn()} onSubmit={vi.fn()} />);
    expect(screen.getByText("Couldn't save the OAuth app")).toBeTruthy();
    expect(screen.getAllByText("too long").length).toBeGreaterThan(0);
  });
});
