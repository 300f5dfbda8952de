/**
 * `<Inbox />` with a headless client whose transport is faked (the client's own tests cover the
 * wire): the unread badge, the list on opening, a real-time arrival that plays its sound and
 * bumps the badge, mark read and acknowledge, and the workspace's branding on the inbox's root.
 */
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { init, type EventSourceLike, type StreamMessage } from "../index";
import { Inbox } from "./inbox";

const base = {
  message: "",
  priority: "normal",
  rule_id: null,
  event_id: null,
  sound_id: null as string | null,
  read_at: null as string | null,
  acknowledged_at: null as string | null,
  archived_at: null,
  created_at: "2026-12-07T10:00:00.000Z",
};

function fakeServer() {
  const items = [{ ...base, id: "n1", seq: 1, title: "Welcome" }];
  let source: { emit: (type: string, data: unknown, id: string) => void } | null = null;
  const played: string[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(url)).pathname.replace("/api/v1/client", "");
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
    if (path === "/theme") return json({ display_name: "Acme", logo_url: null, primary_color: "#0f766e" });
    if (path === "/notifications") return json({ items, next_cursor: null });
    if (path === "/notifications/unread-count") return json({ unread: items.filter((i) => !i.read_at).length });
    const m = /^\/notifications\/(.+)\/(read|acknowledge)$/.exec(path);
    if (m && init?.method === "POST") {
      const it = items.find((i) => i.id === m[1])!;
      it.read_at ??= "2026-12-07T10:01:00.000Z";
      if (m[2] === "acknowledge") it.acknowledged_at = "2026-12-07T10:01:00.000Z";
      return json({ ...it });
    }
    return new Response("{}", { status: 404 });
  };
  const eventSource = (): EventSourceLike => {
    const listeners = new Map<string, ((m: StreamMessage) => void)[]>();
    source = {
      emit: (type, data, id) => {
        for (const l of listeners.get(type) ?? []) l({ type, data: JSON.stringify(data), lastEventId: id });
      },
    };
    return { onerror: null, addEventListener: (t, l) => listeners.set(t, [...(listeners.get(t) ?? []), l]), close: () => {} };
  };
  const client = init({
    publishableKey: "nhood_pk_test",
    workspaceId: "0b7c4c1e-5b8a-4d2e-9f61-2a7d3c9e8b10",
    user: { externalUserId: "ada", userHash: "ab".repeat(32) },
    baseUrl: "https://api.example.com",
    fetch: fetch as typeof globalThis.fetch,
    eventSource,
    sounds: { player: (s) => void played.push(s.id) },
  });
  return {
    client,
    items,
    played,
    push: (n: (typeof items)[number]) => {
      items.unshift(n);
      source!.emit("notification", n, String(n.seq));
    },
  };
}

describe("<Inbox />", () => {
  it("shows the unread badge, lists on opening, receives in real time with its sound, marks read and acknowledges", async () => {
    const user = userEvent.setup();
    const s = fakeServer();
    render(<Inbox client={s.client} />);
    expect(await screen.findByTestId("nhood-unread-badge")).toHaveTextContent("1");
    await user.click(screen.getByRole("button", { name: /Notifications, 1 unread notification/ }));
    const panel = screen.getByRole("region", { name: "Notifications" });
    expect(within(panel).getByText("Welcome")).toBeInTheDocument();
    expect(within(panel).getByText("Acme notifications")).toBeInTheDocument();

    act(() => s.push({ ...base, id: "n2", seq: 2, title: "Ride R1 assigned", sound_id: "beep" }));
    expect(await within(panel).findByText("Ride R1 assigned")).toBeInTheDocument();
    expect(screen.getByTestId("nhood-unread-badge")).toHaveTextContent("2");
    expect(s.played).toEqual(["beep"]);
    // the newest first
    expect(
      within(panel)
        .getAllByRole("listitem")
        .map((li) => li.getAttribute("data-notification-id")),
    ).toEqual(["n2", "n1"]);

    const newest = within(panel).getAllByRole("listitem")[0]!;
    await user.click(within(newest).getByRole("button", { name: "Acknowledge" }));
    expect(await within(newest).findByText("Acknowledged")).toBeInTheDocument();
    expect(screen.getByTestId("nhood-unread-badge")).toHaveTextContent("1");
    const older = within(panel).getAllByRole("listitem")[1]!;
    await user.click(within(older).getByRole("button", { name: "Mark read" }));
    await screen.findByRole("button", { name: /Notifications, 0 unread notifications/ });
    expect(screen.queryByTestId("nhood-unread-badge")).toBeNull();
    expect(older).toHaveAttribute("data-read", "true");
  });

  it("themes itself with the workspace's branding, scoped to the inbox, and can skip sounds", async () => {
    const s = fakeServer();
    const { container } = render(<Inbox client={s.client} playSounds={false} />);
    const root = container.querySelector<HTMLElement>("[data-nhood-inbox]")!;
    await screen.findByTestId("nhood-unread-badge");
    await act(async () => {});
    expect(root.style.getPropertyValue("--nh-brand")).toBe("#0f766e");
    expect(root.style.getPropertyValue("--nh-brand-contrast")).toBe("#ffffff");
    expect(document.documentElement.style.getPropertyValue("--nh-brand")).toBe("");
    act(() => s.push({ ...base, id: "n3", seq: 3, title: "Quiet", sound_id: "beep" }));
    expect(s.played).toEqual([]);
  });
});
