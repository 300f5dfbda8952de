import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@nhood/contracts/client";
import { ProblemMessage } from "./problem-message";
import { pointerToField } from "./problem";

const validation = new ApiError(422, {
  type: "https://neighbourhood.dev/problems/validation",
  title: "Your request has invalid fields",
  status: 422,
  detail: "2 fields are invalid",
  request_id: "req_123",
  errors: [
    { pointer: "/name", detail: "must not be empty" },
    { pointer: "#/query/cursor", detail: "is not a valid cursor" },
  ],
});

describe("ProblemMessage", () => {
  it("lists every field error of a problem", () => {
    render(<ProblemMessage error={validation} />);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Your request has invalid fields");
    expect(alert).toHaveTextContent("2 fields are invalid");
    const items = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(items).toEqual(["name: must not be empty", "cursor: is not a valid cursor"]);
    expect(alert).toHaveTextContent("Request id: req_123");
  });

  it("puts the caller's title first and offers a retry", async () => {
    const onRetry = vi.fn();
    render(<ProblemMessage error={validation} title="Couldn't load API keys" onRetry={onRetry} />);
    expect(screen.getByRole("alert")).toHaveTextContent(/^Couldn't load API keys/);
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it("explains network failures and generic errors", () => {
    const { rerender } = render(<ProblemMessage error={new TypeError("Failed to fetch")} />);
    expect(screen.getByRole("alert")).toHaveTextContent("Can't reach NeighbourHood");
    rerender(<ProblemMessage error={new ApiError(403, { type: "about:blank", title: "about:blank", status: 403 })} />);
    expect(screen.getByRole("alert")).toHaveTextContent("You don't have access to this");
  });
});

describe("pointerToField", () => {
  it("reads JSON pointers as field names", () => {
    expect(pointerToField("/scopes/0")).toBe("scopes.0");
    expect(pointerToField("#/path/id")).toBe("id");
    expect(pointerToField("/a~1b")).toBe("a/b");
    expect(pointerToField("")).toBe("request");
  });
});
