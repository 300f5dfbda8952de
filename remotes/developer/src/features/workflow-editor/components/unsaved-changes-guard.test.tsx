import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NavigationGuard } from "@nhood/web-kit";
import { useState } from "react";
import { Link, MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { UnsavedChangesGuard } from "./unsaved-changes-guard";

/** The editor's shape: a name field that makes the draft dirty until it is saved. */
function EditorStandIn() {
  const [saved, setSaved] = useState("Order follow-up");
  const [name, setName] = useState(saved);
  return (
    <>
      <label>
        Workflow name <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="button" onClick={() => setSaved(name)}>
        Save draft
      </button>
      <UnsavedChangesGuard dirty={name !== saved} />
    </>
  );
}

function Portal() {
  return (
    <MemoryRouter initialEntries={["/developer/workflows/wf_1"]}>
      <NavigationGuard>
        <nav>
          <Link to="/developer/api-keys">API keys</Link>
        </nav>
        <LocationPath />
        <Routes>
          <Route path="/developer/workflows/:id" element={<EditorStandIn />} />
          <Route path="/developer/api-keys" element={<h1>API keys</h1>} />
        </Routes>
      </NavigationGuard>
    </MemoryRouter>
  );
}

function LocationPath() {
  return <p data-testid="path">{useLocation().pathname}</p>;
}

const path = () => screen.getByTestId("path").textContent;
const nameField = () => screen.getByLabelText("Workflow name");

describe("UnsavedChangesGuard in the workflow editor", () => {
  it("asks before leaving with unsaved edits: Stay keeps edits and URL, Discard leaves", async () => {
    render(<Portal />);
    await userEvent.type(nameField(), " v2");
    await userEvent.click(screen.getByRole("link", { name: "API keys" }));

    const dialog = screen.getByRole("dialog", { name: "Discard unsaved changes?" });
    expect(dialog).toHaveTextContent("not saved as a draft");
    expect(path()).toBe("/developer/workflows/wf_1");

    await userEvent.click(screen.getByRole("button", { name: "Stay" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(path()).toBe("/developer/workflows/wf_1");
    expect(nameField()).toHaveValue("Order follow-up v2");

    await userEvent.click(screen.getByRole("link", { name: "API keys" }));
    await userEvent.click(screen.getByRole("button", { name: "Discard" }));
    expect(path()).toBe("/developer/api-keys");
    expect(screen.getByRole("heading", { name: "API keys" })).toBeInTheDocument();
  });

  it("lets the person leave at once when everything is saved", async () => {
    render(<Portal />);
    await userEvent.type(nameField(), " v2");
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));
    await userEvent.click(screen.getByRole("link", { name: "API keys" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(path()).toBe("/developer/api-keys");
  });

  it("guards closing the tab only while there are unsaved edits", async () => {
    render(<Portal />);
    const clean = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(clean);
    expect(clean.defaultPrevented).toBe(false);

    fireEvent.change(nameField(), { target: { value: "Renamed" } });
    const dirty = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(dirty);
    expect(dirty.defaultPrevented).toBe(true);
  });
});
