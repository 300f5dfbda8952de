import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { CreateApiKeyRequest, CreatedApiKey } from "@nhood/contracts";
import { CreateApiKeyDialog } from "./create-api-key-dialog";

const created: CreatedApiKey = {
  id: "0b8f5c1e-3d2a-4e6f-9a7b-1c2d3e4f5a6b",
  name: "Production backend",
  prefix: "nhood_sk_live_ab12",
  key: "nhood_sk_live_ab12cd34ef56gh78ij90",
  scopes: ["workflows", "end_users"],
  mode: "live",
  created_at: "2025-11-20T10:00:00Z",
  expires_at: null,
  revoked_at: null,
  last_used_at: null,
};

function Harness({ onCreate }: { onCreate: (input: CreateApiKeyRequest) => Promise<CreatedApiKey> }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        New key
      </button>
      <CreateApiKeyDialog open={open} onClose={() => setOpen(false)} onCreate={onCreate} />
    </>
  );
}

describe("CreateApiKeyDialog", () => {
  it("sends name and chosen scopes, shows the key once, and forgets it after close", async () => {
    const onCreate = vi.fn(async () => created);
    render(<Harness onCreate={onCreate} />);
    await userEvent.click(screen.getByRole("button", { name: "New key" }));
    await userEvent.type(screen.getByLabelText(/^Name/), "Production backend");
    for (const scope of ["webhooks", "integrations", "events", "leads"]) {
      await userEvent.click(screen.getByRole("checkbox", { name: new RegExp(`^${scope}`) }));
    }
    await userEvent.click(screen.getByRole("button", { name: "Create API key" }));

    expect(onCreate).toHaveBeenCalledWith({ name: "Production backend", scopes: ["workflows", "end_users"] });
    expect(screen.getByRole("dialog", { name: "Copy your new API key" })).toBeInTheDocument();
    expect(screen.getByDisplayValue(created.key)).toBeInTheDocument();
    expect(screen.getByRole("note")).toHaveTextContent("You won't be able to see it again");
    expect(screen.getByRole("button", { name: "Copy" })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Done" }));
    expect(screen.queryByDisplayValue(created.key)).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "New key" }));
    expect(screen.getByRole("dialog", { name: "Create API key" })).toBeInTheDocument();
    expect(screen.queryByDisplayValue(created.key)).not.toBeInTheDocument();
    expect(screen.getByLabelText(/^Name/)).toHaveValue("");
  });

  it("shows the seed's X-API-Key / X-API-Secret pair when asked to", async () => {
    render(<CreateApiKeyDialog open showHeaderPair onClose={vi.fn()} onCreate={vi.fn(async () => created)} />);
    expect(screen.getByRole("dialog", { name: "Create API key" })).toHaveTextContent("X-API-Key and X-API-Secret");
    await userEvent.type(screen.getByLabelText(/^Name/), "Production backend");
    await userEvent.click(screen.getByRole("button", { name: "Create API key" }));
    expect(screen.getByLabelText(/^X-API-Secret/)).toHaveValue(created.key);
    expect(screen.getByLabelText(/^X-API-Key/)).toHaveValue(created.prefix);
    expect(screen.getByRole("button", { name: "Copy key id" })).toBeInTheDocument();
    const example = screen.getByLabelText("Example request");
    expect(example).toHaveTextContent(`X-API-Key: ${created.prefix}`);
    // the example names the secret by variable: the key itself is shown in one place only
    expect(example).not.toHaveTextContent(created.key);
  });

  it("shows the problem when creation fails and keeps the form", async () => {
    const { ApiError } = await import("../api");
    const onCreate = vi.fn(async () => {
      throw new ApiError(422, { type: "about:blank", title: "Invalid request", status: 422, errors: [{ pointer: "/name", detail: "is too long" }] });
    });
    render(<CreateApiKeyDialog open onClose={vi.fn()} onCreate={onCreate} />);
    await userEvent.type(screen.getByLabelText(/^Name/), "x");
    await userEvent.click(screen.getByRole("button", { name: "Create API key" }));
    expect(screen.getByRole("alert")).toHaveTextContent("name: is too long");
    expect(screen.getByLabelText(/^Name/)).toHaveValue("x");
  });
});
