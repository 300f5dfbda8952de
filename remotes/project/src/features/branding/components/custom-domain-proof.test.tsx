import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ApiError } from "@nhood/web-kit";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { useWorkspaceBranding } from "../api/use-workspace-branding";
import { CustomDomainProof } from "./custom-domain-proof";

const branding = vi.fn();
const verifyCustomDomain = vi.fn();
vi.mock("@nhood/web-kit", async (original) => ({
  ...(await original<typeof import("@nhood/web-kit")>()),
  api: {
    workspaces: {
      branding: (...args: unknown[]) => branding(...args),
      verifyCustomDomain: (...args: unknown[]) => verifyCustomDomain(...args),
    },
  },
}));

const WS = "00000000-0000-4000-8000-000000000001";
const DOMAIN = "notify.acme.example";
const TOKEN = "0123456789abcdef0123456789abcdef";
const settings = (status: "pending" | "verified") => ({
  display_name: "Acme",
  logo_url: null,
  primary_color: "#0f766e",
  custom_domain: DOMAIN,
  custom_domain_allowed: true,
  custom_domain_verification: {
    status,
    verified_by: status === "verified" ? "dns" : null,
    claimed_at: "2026-12-07T10:00:00.000Z",
    verified_at: status === "verified" ? "2026-12-07T11:00:00.000Z" : null,
    takeover_after: status === "pending" ? "2026-12-14T10:00:00.000Z" : null,
    txt_name: `_nhood-verify.${DOMAIN}`,
    txt_value: `nhood-verify=${TOKEN}`,
    http_url: `http://${DOMAIN}/.well-known/nhood-domain-verification`,
    http_body: TOKEN,
  },
});

/** The proof as the branding page mounts it: what it shows is the branding's. */
function Harness() {
  const q = useWorkspaceBranding(WS);
  const v = q.data?.custom_domain_verification;
  return v ? <CustomDomainProof ws={WS} domain={q.data!.custom_domain!} verification={v} /> : null;
}

function renderIt() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <Harness />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  branding.mockReset();
  verifyCustomDomain.mockReset();
});

describe("CustomDomainProof", () => {
  it("shows a pending domain with the TXT record and the HTTP token to publish, and the take-over date", async () => {
    branding.mockResolvedValue(settings("pending"));
    renderIt();
    expect(await screen.findByText("Pending")).toBeInTheDocument();
    expect(screen.getByText(/Not served yet/)).toBeInTheDocument();
    expect(screen.getByText(`_nhood-verify.${DOMAIN}`)).toBeInTheDocument();
    expect(screen.getByText(`nhood-verify=${TOKEN}`)).toBeInTheDocument();
    expect(screen.getByText(TOKEN)).toBeInTheDocument();
    expect(screen.getByText(`http://${DOMAIN}/.well-known/nhood-domain-verification`)).toBeInTheDocument();
    expect(screen.getByText(/another workspace may claim this domain from/)).toBeInTheDocument();
  });

  it("shows what a failed check found, naming the field", async () => {
    branding.mockResolvedValue(settings("pending"));
    verifyCustomDomain.mockRejectedValue(
      new ApiError(422, {
        type: "https://neighbourhood.dev/problems/custom-domain-not-proven",
        title: "Custom domain not proven",
        status: 422,
        detail: `Neither the DNS TXT record _nhood-verify.${DOMAIN} nor http://${DOMAIN}/.well-known/nhood-domain-verification shows this workspace's verification token yet.`,
        errors: [
          { pointer: "#/custom_domain", detail: `DNS: no TXT record at _nhood-verify.${DOMAIN}` },
          { pointer: "#/custom_domain", detail: `HTTP: http://${DOMAIN}/.well-known/nhood-domain-verification answered 404` },
        ],
      }),
    );
    renderIt();
    await userEvent.click(await screen.findByRole("button", { name: "Verify" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Couldn't verify the domain");
    expect(alert).toHaveTextContent(`DNS: no TXT record at _nhood-verify.${DOMAIN}`);
    expect(alert).toHaveTextContent("answered 404");
    expect(verifyCustomDomain).toHaveBeenCalledWith(WS);
    expect(screen.getByText("Pending")).toBeInTheDocument();
  });

  it("shows the domain verified once the check passes", async () => {
    branding.mockResolvedValue(settings("pending"));
    verifyCustomDomain.mockResolvedValue(settings("verified"));
    renderIt();
    await userEvent.click(await screen.findByRole("button", { name: "Verify" }));
    expect(await screen.findByText("Verified")).toBeInTheDocument();
    expect(screen.getByText(/proven by its DNS TXT record/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Check again" })).toBeInTheDocument();
    expect(screen.queryByText(/another workspace may claim/)).not.toBeInTheDocument();
  });
});
