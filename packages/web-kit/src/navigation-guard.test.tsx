import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState, type ReactNode } from "react";
import { BrowserRouter, Link, MemoryRouter, Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { NavigationGuard, useNavigationBlocker, type BlockerFunction } from "./navigation-guard";

function Where() {
  return <p data-testid="where">{useLocation().pathname}</p>;
}

/** A page with unsaved work: the blocker's state and its two answers. */
function Form({ when }: { when: boolean | BlockerFunction }) {
  const blocker = useNavigationBlocker(when);
  const navigate = useNavigate();
  return (
    <>
      <Link to="/other">Other</Link>
      <button type="button" onClick={() => navigate("/replaced", { replace: true })}>
        Replace
      </button>
      {blocker.state === "blocked" && (
        <div role="alertdialog" aria-label={`Leave for ${blocker.location.pathname}?`}>
          <button type="button" onClick={blocker.reset}>
            Stay
          </button>
          <button type="button" onClick={blocker.proceed}>
            Leave
          </button>
        </div>
      )}
    </>
  );
}

function App({ when, guard = true, initial = "/form" }: { when: boolean | BlockerFunction; guard?: boolean; initial?: string }) {
  const routes = (
    <>
      <Where />
      <Routes>
        <Route path="/form" element={<Form when={when} />} />
        <Route path="*" element={<p>elsewhere</p>} />
      </Routes>
    </>
  );
  return <MemoryRouter initialEntries={[initial]}>{guard ? <NavigationGuard>{routes}</NavigationGuard> : routes}</MemoryRouter>;
}

const where = () => screen.getByTestId("where").textContent;

describe("NavigationGuard + useNavigationBlocker", () => {
  it("holds a link while blocking: reset stays, proceed goes", async () => {
    render(<App when />);
    await userEvent.click(screen.getByRole("link", { name: "Other" }));
    expect(screen.getByRole("alertdialog", { name: "Leave for /other?" })).toBeInTheDocument();
    expect(where()).toBe("/form");

    await userEvent.click(screen.getByRole("button", { name: "Stay" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(where()).toBe("/form");

    await userEvent.click(screen.getByRole("link", { name: "Other" }));
    await userEvent.click(screen.getByRole("button", { name: "Leave" }));
    expect(where()).toBe("/other");
    expect(screen.getByText("elsewhere")).toBeInTheDocument();
  });

  it("holds replace navigations too, and asks the function with both locations", async () => {
    const seen: string[] = [];
    const when: BlockerFunction = ({ currentLocation, nextLocation, historyAction }) => {
      seen.push(`${historyAction} ${currentLocation.pathname} → ${nextLocation.pathname}`);
      return nextLocation.pathname !== "/other";
    };
    render(<App when={when} />);
    await userEvent.click(screen.getByRole("button", { name: "Replace" }));
    expect(screen.getByRole("alertdialog", { name: "Leave for /replaced?" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Leave" }));
    expect(where()).toBe("/replaced");
    expect(seen).toEqual(["REPLACE /form → /replaced"]);
  });

  it("lets navigation through when not blocking, or with no guard above it", async () => {
    const { unmount } = render(<App when={false} />);
    await userEvent.click(screen.getByRole("link", { name: "Other" }));
    expect(where()).toBe("/other");
    unmount();

    render(<App when guard={false} />);
    await userEvent.click(screen.getByRole("link", { name: "Other" }));
    expect(where()).toBe("/other");
  });

  it("lets a held navigation go ahead when the blocking page unmounts", async () => {
    function Toggle({ children }: { children: ReactNode }) {
      const [shown, setShown] = useState(true);
      return (
        <>
          {shown && children}
          <button type="button" onClick={() => setShown(false)}>
            Close form
          </button>
        </>
      );
    }
    render(
      <MemoryRouter initialEntries={["/form"]}>
        <NavigationGuard>
          <Where />
          <Toggle>
            <Form when />
          </Toggle>
        </NavigationGuard>
      </MemoryRouter>,
    );
    await userEvent.click(screen.getByRole("link", { name: "Other" }));
    expect(where()).toBe("/form");
    await userEvent.click(screen.getByRole("button", { name: "Close form" }));
    expect(where()).toBe("/other");
  });
});

describe("NavigationGuard with the browser history", () => {
  it("holds back: the URL returns to the page; proceed goes back after all", async () => {
    window.history.replaceState(null, "", "/start");
    render(
      <BrowserRouter>
        <NavigationGuard>
          <Where />
          <Routes>
            <Route path="/form" element={<Form when />} />
            <Route path="*" element={<Link to="/form">Form</Link>} />
          </Routes>
        </NavigationGuard>
      </BrowserRouter>,
    );
    await userEvent.click(screen.getByRole("link", { name: "Form" }));
    expect(where()).toBe("/form");

    act(() => window.history.back());
    await screen.findByRole("alertdialog", { name: "Leave for /start?" });
    await waitFor(() => expect(window.location.pathname).toBe("/form"));
    expect(where()).toBe("/form");

    await userEvent.click(screen.getByRole("button", { name: "Stay" }));
    act(() => window.history.back());
    await userEvent.click(await screen.findByRole("button", { name: "Leave" }));
    await waitFor(() => expect(where()).toBe("/start"));
    expect(window.location.pathname).toBe("/start");
  });
});
