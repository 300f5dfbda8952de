/**
 * The account security page against a stand-in for the BFF's HTTP answers (global `fetch`): the
 * real typed client parses each answer with its contract schema.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import AccountSecurityPage from "./account-security-page";

const FACTOR_ID = "6f1c2a7e-3b7d-4f5e-9a51-0c2d8e4b9f10";
const PASSKEY_ID = "7a2d3b8f-4c8e-4a6f-8b62-1d3e9f5c0a21";
const CODES = Array.from({ length: 10 }, (_, i) => `abcde-${String(i).padStart(5, "0")}`);
const QR = "data:image/svg+xml;base64,PHN2Zy8+";

type Route = (body: unknown) => { status: number; body?: unknown };
let routes: Record<string, Route>;
const calls: { key: string; body: unknown }[] = [];

const json = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json" },
  });

beforeEach(() => {
  calls.length = 0;
  routes = {
    "GET /api/v1/me/mfa": () => ({ status: 200, body: { factors: [], recovery_codes_left: 0, required: false } }),
  };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      const key = `${init.method} ${new URL(url, "http://x").pathname}`;
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ key, body });
      const route = routes[key];
      if (!route) return json(404, { type: "about:blank", title: "Not found", status: 404 });
      const r = route(body);
      return json(r.status, r.body);
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <AccountSecurityPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("AccountSecurityPage", () => {
  it("says there is no second factor yet", async () => {
    renderPage();
    expect(await screen.findByText("No second factor yet — add an authenticator app or a passkey")).toBeInTheDocument();
    expect(screen.queryByText("Recovery codes")).not.toBeInTheDocument();
  });

  it("adds an authenticator app: QR code and secret, a wrong code is refused, the right one shows the recovery codes once", async () => {
    let confirmed = false;
    routes["POST /api/v1/me/mfa/totp"] = () => ({
      status: 200,
      body: { factor_id: FACTOR_ID, secret: "JBSWY3DPEHPK3PXP", otpauth_url: "otpauth://totp/NeighbourHood:me?secret=JBSWY3DPEHPK3PXP", qr_code: QR },
    });
    routes[`POST /api/v1/me/mfa/totp/${FACTOR_ID}/confirm`] = (b) => {
      if ((b as { code: string }).code !== "123456") {
        const detail = "The code is wrong; check the time on your phone and enter the current code.";
        return { status: 400, body: { type: "about:blank", title: "Your request is not valid", status: 400, detail, errors: [{ pointer: "#/code", detail }] } };
      }
      confirmed = true;
      return { status: 200, body: { recovery_codes: CODES } };
    };
    routes["GET /api/v1/me/mfa"] = () => ({
      status: 200,
      body: {
        factors: confirmed ? [{ id: FACTOR_ID, kind: "totp", label: "Authenticator app", created_at: "2026-12-07T10:00:00.000Z", last_used_at: null }] : [],
        recovery_codes_left: confirmed ? 10 : 0,
        required: false,
      },
    });
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Add an authenticator app" }));
    expect(await screen.findByRole("img", { name: "QR code for your authenticator app" })).toHaveAttribute("src", QR);
    expect(screen.getByText("JBSWY3DPEHPK3PXP")).toBeInTheDocument();

    const field = screen.getByLabelText("Code from the app");
    await userEvent.type(field, "000000");
    await userEvent.click(screen.getByRole("button", { name: "Confirm" }));
    // said at the field
    expect(await screen.findByText(/The code is wrong/)).toBeInTheDocument();
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription(/The code is wrong/);

    await userEvent.clear(field);
    await userEvent.type(field, "123456");
    await userEvent.click(screen.getByRole("button", { name: "Confirm" }));
    const list = await screen.findByRole("list", { name: "Recovery codes" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(10);
    expect(screen.getByRole("button", { name: "Download .txt" })).toBeInTheDocument();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    await userEvent.click(screen.getByRole("button", { name: "Copy" }));
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining(CODES[9]!));
    expect(await screen.findByRole("button", { name: "Copied" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "I saved them" }));
    expect(screen.queryByRole("list", { name: "Recovery codes" })).not.toBeInTheDocument();
    expect(await screen.findByRole("list", { name: "Second factors" })).toHaveTextContent("Authenticator app");
    expect(screen.getByText(/10 of 10 left/)).toBeInTheDocument();
    expect(calls.filter((c) => c.key.endsWith("/confirm")).map((c) => c.body)).toEqual([{ code: "000000" }, { code: "123456" }]);
  });

  it("adds a passkey through navigator.credentials.create and sends the attestation with its name", async () => {
    routes["POST /api/v1/me/mfa/passkeys/options"] = () => ({
      status: 200,
      body: {
        challenge: "Y2hhbGxlbmdl",
        rp: { id: "localhost", name: "NeighbourHood" },
        user: { id: "dXNlcg", name: "me@acme.test", displayName: "Me" },
        pubKeyCredParams: [],
      },
    });
    routes["POST /api/v1/me/mfa/passkeys"] = (b) => ({
      status: 201,
      body: { id: PASSKEY_ID, kind: "passkey", label: (b as { label: string }).label, created_at: "2026-12-07T10:00:00.000Z", last_used_at: null },
    });
    const bytes = (s: string) => new TextEncoder().encode(s).buffer;
    const create = vi.fn(async () => ({
      id: "cred-1",
      rawId: bytes("cred-1"),
      type: "public-key",
      authenticatorAttachment: "platform",
      response: { clientDataJSON: bytes("{}"), attestationObject: bytes("att"), getTransports: () => ["internal"] },
      getClientExtensionResults: () => ({}),
    }));
    vi.stubGlobal("PublicKeyCredential", class {});
    Object.defineProperty(navigator, "credentials", { value: { create }, configurable: true });
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Add a passkey" }));
    const name = screen.getByLabelText("Passkey name");
    await userEvent.clear(name);
    await userEvent.type(name, "Work laptop");
    await userEvent.click(screen.getByRole("button", { name: "Create passkey" }));
    await vi.waitFor(() => expect(calls.some((c) => c.key === "POST /api/v1/me/mfa/passkeys")).toBe(true));
    const options = (create.mock.calls[0] as unknown as [{ publicKey: { challenge: ArrayBuffer; user: { id: ArrayBuffer } } }])[0].publicKey;
    expect(new TextDecoder().decode(options.challenge)).toBe("challenge");
    expect(new TextDecoder().decode(options.user.id)).toBe("user");
    const sent = calls.find((c) => c.key === "POST /api/v1/me/mfa/passkeys")!.body as {
      label: string;
      credential: { rawId: string; response: Record<string, unknown> };
    };
    expect(sent.label).toBe("Work laptop");
    expect(sent.credential.rawId).toBe("Y3JlZC0x");
    expect(sent.credential.response).toMatchObject({ attestationObject: "YXR0", transports: ["internal"] });
    await vi.waitFor(() => expect(screen.queryByRole("button", { name: "Create passkey" })).not.toBeInTheDocument());
  });

  it("renames a factor in place", async () => {
    let label = "Authenticator app";
    routes["GET /api/v1/me/mfa"] = () => ({
      status: 200,
      body: {
        factors: [{ id: FACTOR_ID, kind: "totp", label, created_at: "2026-12-07T10:00:00.000Z", last_used_at: null }],
        recovery_codes_left: 10,
        required: false,
      },
    });
    routes[`PATCH /api/v1/me/mfa/factors/${FACTOR_ID}`] = (b) => {
      label = (b as { label: string }).label;
      return { status: 200, body: { id: FACTOR_ID, kind: "totp", label, created_at: "2026-12-07T10:00:00.000Z", last_used_at: null } };
    };
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Rename Authenticator app" }));
    const field = screen.getByLabelText("New name for Authenticator app");
    await userEvent.clear(field);
    await userEvent.type(field, "Phone ");
    await userEvent.click(screen.getByRole("button", { name: "Save name" }));
    expect(await screen.findByRole("button", { name: "Rename Phone" })).toBeInTheDocument();
    expect(calls.find((c) => c.key.startsWith("PATCH"))?.body).toEqual({ label: "Phone" });
  });

  it("removes a factor after a confirmation, and says why when the BFF refuses", async () => {
    routes["GET /api/v1/me/mfa"] = () => ({
      status: 200,
      body: {
        factors: [{ id: PASSKEY_ID, kind: "passkey", label: "Work laptop", created_at: "2026-12-07T10:00:00.000Z", last_used_at: null }],
        recovery_codes_left: 8,
        required: true,
      },
    });
    routes[`DELETE /api/v1/me/mfa/factors/${PASSKEY_ID}`] = () => ({
      status: 409,
      body: {
        type: "about:blank",
        title: "Conflict",
        status: 409,
        detail: "This is your last second factor and your account must use one: add another before removing it.",
      },
    });
    renderPage();
    expect(await screen.findByText("Required for your account")).toBeInTheDocument();
    expect(screen.getByText(/8 of 10 left/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Remove Work laptop" }));
    const dialog = await screen.findByRole("dialog", { name: "Remove Work laptop?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Remove" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("This is your last second factor");
  });
});
