import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ApiKey } from "@nhood/contracts";
import { ApiKeysTable } from "./api-keys-table";

const base = { scopes: ["workflows"] as ApiKey["scopes"], mode: "live" as const, created_at: "2025-10-01T10:00:00Z", expires_at: null, last_used_at: null };
const active: ApiKey = { ...base, id: "1f0e2d3c-4b5a-4968-8776-655443322110", name: "CI", prefix: "nhood_sk_live_ci01", revoked_at: null };
const revoked: ApiKey = { ...base, id: "2f0e2d3c-4b5a-4968-8776-655443322110", name: "Old", prefix: "nhood_sk_live_old1", revoked_at: "2025-10-02T10:00:00Z" };

describe("ApiKeysTable", () => {
  it("shows prefix, scopes, status and offers Revoke only for active keys", async () => {
    const onRevoke = vi.fn();
    render(<ApiKeysTable apiKeys={[active, revoked]} onRevoke={onRevoke} />);
    const [, ciRow, oldRow] = screen.getAllByRole("row");
    expect(within(ciRow!).getByText("nhood_sk_live_ci01…")).toBeInTheDocument();
    expect(within(ciRow!).getByText("Never")).toBeInTheDocument();
    expect(within(ciRow!).getByText("active")).toBeInTheDocument();
    expect(within(oldRow!).getByText("revoked")).toBeInTheDocument();
    expect(within(oldRow!).queryByRole("button")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Revoke CI" }));
    expect(onRevoke).toHaveBeenCalledWith(active);
  });
});
