import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PortalErrorBoundary } from "./portal-error-boundary";

let shouldThrow = true;
function FlakyPortal() {
  if (shouldThrow) throw new Error("portal exploded");
  return <p>Developer portal content</p>;
}

describe("PortalErrorBoundary", () => {
  beforeEach(() => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("shows a contained fallback, and Retry renders the portal again", async () => {
    shouldThrow = true;
    render(
      <>
        <nav>Shell navigation</nav>
        <PortalErrorBoundary portalName="Developer">
          <FlakyPortal />
        </PortalErrorBoundary>
      </>,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Developer stopped working");
    expect(screen.getByText("portal exploded")).toBeInTheDocument();
    expect(screen.getByText("Shell navigation")).toBeInTheDocument();

    shouldThrow = false;
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(screen.getByText("Developer portal content")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows the fallback again when the portal still throws", async () => {
    shouldThrow = true;
    render(
      <PortalErrorBoundary portalName="Admin">
        <FlakyPortal />
      </PortalErrorBoundary>,
    );
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Admin stopped working");
  });
});
