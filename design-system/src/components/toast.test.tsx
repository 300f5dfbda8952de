import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { toast, ToastViewport, useToastStore } from "./toast";

describe("toasts", () => {
  beforeEach(() => useToastStore.setState({ toasts: [] }));

  it("shows a toast pushed from outside React and dismisses it", async () => {
    render(<ToastViewport />);
    act(() => {
      toast("API key revoked", { tone: "success", description: "CI key" });
    });
    expect(screen.getByRole("status")).toHaveTextContent("API key revoked");
    await userEvent.click(screen.getByRole("button", { name: "Dismiss notification" }));
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("announces danger toasts as alerts", () => {
    render(<ToastViewport />);
    act(() => {
      toast("Could not revoke", { tone: "danger" });
    });
    expect(screen.getByRole("alert")).toHaveTextContent("Could not revoke");
  });
});
