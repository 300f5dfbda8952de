import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { PortalFrame, useMarkPortalReady } from "./portal-frame";

function Page() {
  const [loaded, setLoaded] = useState(false);
  useMarkPortalReady(loaded);
  return (
    <button type="button" onClick={() => setLoaded(true)}>
      finish loading
    </button>
  );
}

describe("PortalFrame", () => {
  it("sets data-portal-ready only once the first screen has settled", async () => {
    const { container } = render(
      <PortalFrame name="admin" basename="/admin">
        <Page />
      </PortalFrame>,
    );
    const root = container.querySelector("[data-portal='admin']")!;
    expect(root).not.toHaveAttribute("data-portal-ready");
    await userEvent.click(screen.getByRole("button"));
    expect(root).toHaveAttribute("data-portal-ready", "admin");
  });
});
