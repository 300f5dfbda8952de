import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { PortalErrorPanel } from "./portal-error-panel";

describe("PortalErrorPanel", () => {
  it("explains a portal that failed to load and retries on demand", async () => {
    const onRetry = vi.fn();
    render(<PortalErrorPanel portalName="Admin" kind="load" error={new Error("manifest 404")} onRetry={onRetry} />);
    expect(screen.getByRole("alert")).toHaveAccessibleName("Admin is unavailable right now");
    expect(screen.getByText("manifest 404")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(onRetry).toHaveBeenCalledOnce();
  });
});
