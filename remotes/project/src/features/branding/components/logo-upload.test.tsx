import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useWorkspaceBranding } from "../api/use-workspace-branding";
import { LogoUpload } from "./logo-upload";

const request = vi.fn();
const branding = vi.fn();
vi.mock("@nhood/web-kit", async (original) => ({
  ...(await original<typeof import("@nhood/web-kit")>()),
  api: { request: (...args: unknown[]) => request(...args), workspaces: { branding: (...args: unknown[]) => branding(...args) } },
}));

const WS = "00000000-0000-4000-8000-000000000001";
const saved = (logo_url: string | null) => ({
  display_name: "Acme",
  logo_url,
  primary_color: "#0f766e",
  custom_domain: null,
  custom_domain_allowed: false,
  custom_domain_verification: null,
});

/** The upload as the branding page mounts it: the logo shown is the branding's. */
function Harness() {
  const q = useWorkspaceBranding(WS);
  return q.data ? <LogoUpload ws={WS} logoUrl={q.data.logo_url} /> : null;
}

function renderIt() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <Harness />
    </QueryClientProvider>,
  );
}

const fetchMock = vi.fn();
beforeEach(() => {
  request.mockReset();
  branding.mockReset();
  fetchMock.mockReset();
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

describe("LogoUpload", () => {
  it("uploads the chosen file as multipart and shows the logo the suite now serves", async () => {
    branding.mockResolvedValue(saved(null));
    const served = `/api/v1/logos/${WS}/0123456789abcdef.png`;
    fetchMock.mockResolvedValue(new Response(JSON.stringify(saved(served)), { status: 200, headers: { "content-type": "application/json" } }));
    renderIt();
    expect(await screen.findByText("No logo yet")).toBeInTheDocument();
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "logo.png", { type: "image/png" });
    await userEvent.upload(screen.getByLabelText("Upload logo"), file);
    expect(await screen.findByRole("img", { name: "Current logo" })).toHaveAttribute("src", served);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`/api/v1/workspaces/${WS}/branding/logo`);
    expect(init.method).toBe("PUT");
    expect((init.body as FormData).get("file")).toBeInstanceOf(File);
    expect(screen.getByRole("button", { name: "Remove logo" })).toBeInTheDocument();
  });

  it("shows the refusal naming the file, e.g. a type that is not an image", async () => {
    branding.mockResolvedValue(saved(null));
    fetchMock.mockResolvedValue(
      new Response(
        JSON.stringify({
          type: "about:blank",
          title: "Your request is not valid",
          status: 400,
          detail: "The request has invalid fields.",
          errors: [{ pointer: "#/file", detail: "not a PNG, WebP or SVG image (image/gif)" }],
        }),
        { status: 400, headers: { "content-type": "application/problem+json" } },
      ),
    );
    renderIt();
    await userEvent.upload(await screen.findByLabelText("Upload logo"), new File(["GIF89a"], "logo.png", { type: "image/png" }));
    expect(await screen.findByText("Couldn't upload the logo")).toBeInTheDocument();
    expect(screen.getByText(/not a PNG, WebP or SVG image/)).toBeInTheDocument();
  });

  it("removes an uploaded logo", async () => {
    branding.mockResolvedValue(saved(`/api/v1/logos/${WS}/0123456789abcdef.svg`));
    request.mockImplementation(async (...args: unknown[]) => (args.length ? saved(null) : undefined));
    renderIt();
    await userEvent.click(await screen.findByRole("button", { name: "Remove logo" }));
    expect(await screen.findByText("No logo yet")).toBeInTheDocument();
    expect(request.mock.calls.find((c) => c.length)!.slice(0, 2)).toEqual(["DELETE", `/api/v1/workspaces/${WS}/branding/logo`]);
  });
});
