import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@nhood/web-kit";
import { CreateEndpointDialog } from "./create-endpoint-dialog";

describe("CreateEndpointDialog", () => {
  it("sends URL and chosen event types, then shows the secret once", async () => {
    const onCreate = vi.fn(async () => ({ secret: "whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0" }));
    render(<CreateEndpointDialog open eventTypes={["notification.delivered", "quota.warning"]} onClose={vi.fn()} onCreate={onCreate} />);
    await userEvent.type(screen.getByLabelText(/^URL/), "https://hooks.example.com/nh");
    await userEvent.click(screen.getByRole("checkbox", { name: /quota.warning/ }));
    await userEvent.click(screen.getByRole("button", { name: "Add endpoint" }));
    expect(onCreate).toHaveBeenCalledWith({ url: "https://hooks.example.com/nh", description: "", event_types: ["quota.warning"] });
    expect(screen.getByDisplayValue("whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0")).toBeInTheDocument();
    expect(screen.getByRole("note")).toHaveTextContent("shown only once");
  });

  it("shows an SSRF refusal on the URL field", async () => {
    const onCreate = vi.fn(async () => {
      throw new ApiError(400, {
        type: "about:blank",
        title: "Your request is not valid",
        status: 400,
        errors: [{ pointer: "#/url", detail: "refused: 10.0.0.7 is not a public address" }],
      });
    });
    render(<CreateEndpointDialog open eventTypes={[]} onClose={vi.fn()} onCreate={onCreate} />);
    await userEvent.type(screen.getByLabelText(/^URL/), "http://10.0.0.7/x");
    await userEvent.click(screen.getByRole("button", { name: "Add endpoint" }));
    expect(screen.getByText(/not a public address/)).toBeInTheDocument();
  });
});
