/**
 * The Security screen against a stand-in for the BFF's HTTP answers (global `fetch`): the real
 * typed client parses each answer with its contract schema.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SecurityPage } from "./security-page";

let role = "owner";
vi.mock("@nhood/web-kit", async (original) => ({
  ...(await original<typeof import("@nhood/web-kit")>()),
  useActiveWorkspaceId: () => "ws-1",
  useMarkPortalReady: () => {},
  useSession: (select: (s: unknown) => unknown) => select({ me: { kind: "user", workspace: { id: "ws-1", role } } }),
}));

const RIVER = "11111111-1111-4111-8111-111111111111";
const OWNER = "22222222-2222-4222-8222-222222222222";
const base = "/api/v1/workspaces/ws-1";
const problem = (status: number, detail: string, errors?: { pointer: string; detail: string }[]) => ({
  status,
  body: { type: "about:blank", title: status === 400 ? "Your request is not valid" : "Request failed", status, detail, ...(errors ? { errors } : {}) },
});
const sso = {
  issuer: null,
  client_id: null,
  has_client_secret: false,
  default_role: "member",
  enforced: false,
  email_domain: null,
  domain_txt_name: null,
  domain_txt_value: null,
  domain_verified: false,
  redirect_uri: "http://127.0.0.1/api/v1/auth/sso/callback",
};

type Route = (body: unknown) => { status: number; body?: unknown };
let routes: Record<string, Route>;
const calls: { key: string; body: unknown }[] = [];

beforeEach(() => {
  role = "owner";
  calls.length = 0;
  let required = false;
  let factors = ["totp"];
  routes = {
    [`GET ${base}/security`]: () => ({ status: 200, body: { mfa_required: required } }),
    [`PUT ${base}/security`]: (b) => {
      required = (b as { mfa_required: boolean }).mfa_required;
      return { status: 200, body: { mfa_required: required } };
    },
    [`GET ${base}/security/members`]: () => ({
      status: 200,
      body: {
        items: [
          { membership_id: OWNER, name: "Olivia Owner", email: "owner@acme.test", role: "owner", factors: [] },
          { membership_id: RIVER, name: "River Rep", email: "river@acme.test", role: "sales_rep", factors },
        ],
      },
    }),
    [`DELETE ${base}/members/${RIVER}/mfa`]: () => {
      factors = [];
      return { status: 204 };
    },
    [`GET ${base}/sso`]: () => ({ status: 200, body: sso }),
  };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      const key = `${init.method} ${new URL(url, "http://x").pathname}`;
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ key, body });
      const r = routes[key]?.(body) ?? problem(404, "no such route");
      return new Response(r.body === undefined ? null : JSON.stringify(r.body), { status: r.status, headers: { "content-type": "application/json" } });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <SecurityPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("SecurityPage", () => {
  it("lets the owner require MFA, see who has a factor and reset a member's", async () => {
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Require MFA for every member" }));
    expect(await screen.findByText("Required for every member")).toBeInTheDocument();
    expect(calls.find((c) => c.key === `PUT ${base}/security`)?.body).toEqual({ mfa_required: true });

    const table = await screen.findByRole("table", { name: "Members and their second factors" });
    expect(within(table).getByRole("row", { name: /River Rep/ })).toHaveTextContent("Authenticator app");
    expect(within(table).getByRole("row", { name: /Olivia Owner/ })).toHaveTextContent("None");
    expect(screen.getByText("1 of 2 members use a second factor.")).toBeInTheDocument();
    // the owner resets their own factors on their account security page, not here
    expect(within(table).queryByRole("button", { name: "Reset MFA of Olivia Owner" })).not.toBeInTheDocument();

    await userEvent.click(within(table).getByRole("button", { name: "Reset MFA of River Rep" }));
    const dialog = await screen.findByRole("dialog", { name: /Reset the second factors of River Rep/ });
    await userEvent.click(within(dialog).getByRole("button", { name: "Reset MFA" }));
    await vi.waitFor(() => expect(within(table).getByRole("row", { name: /River Rep/ })).toHaveTextContent("None"));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("says why a reset was refused", async () => {
    routes[`DELETE ${base}/members/${RIVER}/mfa`] = () =>
      problem(403, "This person is also a member of another workspace; they reset their factors with a recovery code, or NeighbourHood support does.");
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Reset MFA of River Rep" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Reset MFA" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("also a member of another workspace");
  });

  it("saves SSO with a write-only secret, shows the TXT record to publish and the result of verifying the domain", async () => {
    let saved: Record<string, unknown> = {};
    let verifyAnswers = 0;
    routes[`PUT ${base}/sso`] = (b) => {
      saved = b as Record<string, unknown>;
      if (!String(saved.issuer).startsWith("https://"))
        return problem(400, "The request has invalid fields.", [{ pointer: "#/issuer", detail: "Invalid URL" }]);
      return {
        status: 200,
        body: {
          ...sso,
          ...saved,
          client_secret: undefined,
          has_client_secret: true,
          domain_txt_name: "_nhood-verify.acme.example",
          domain_txt_value: "nhood-verify=abc123",
        },
      };
    };
    routes[`POST ${base}/sso/verify-domain`] = () =>
      ++verifyAnswers === 1
        ? problem(422, "No TXT record _nhood-verify.acme.example with the expected value was found.", [{ pointer: "#/email_domain", detail: "not proven yet" }])
        : { status: 200, body: { ...sso, ...saved, client_secret: undefined, has_client_secret: true, domain_verified: true } };
    renderPage();
    await userEvent.type(await screen.findByLabelText("Issuer URL"), "login.acme.example");
    await userEvent.type(screen.getByLabelText("Client ID"), "neighbourhood");
    await userEvent.type(screen.getByLabelText("Client secret"), "s3cret");
    await userEvent.type(screen.getByLabelText("E-mail domain"), "acme.example");
    await userEvent.selectOptions(screen.getByLabelText("Role of people who join through SSO"), "sales rep");
    await userEvent.click(screen.getByRole("button", { name: "Save single sign-on" }));
    // the field at fault is named at the field
    expect(await screen.findByText("Invalid URL")).toBeInTheDocument();

    const issuer = screen.getByLabelText("Issuer URL");
    await userEvent.clear(issuer);
    await userEvent.type(issuer, "https://login.acme.example");
    await userEvent.click(screen.getByRole("button", { name: "Save single sign-on" }));
    expect(await screen.findByText("nhood-verify=abc123")).toBeInTheDocument();
    expect(saved).toEqual({
      issuer: "https://login.acme.example",
      client_id: "neighbourhood",
      client_secret: "s3cret",
      default_role: "sales_rep",
      enforced: false,
      email_domain: "acme.example",
    });
    expect(screen.getByLabelText("Client secret")).toHaveValue("");
    expect(screen.getByText(/A secret is stored/)).toBeInTheDocument();
    expect(screen.getByText("_nhood-verify.acme.example")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Verify domain" }));
    expect(await screen.findByText(/No TXT record _nhood-verify.acme.example/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Verify domain" }));
    expect(await screen.findByText("Verified")).toBeInTheDocument();
    expect(screen.getByText(/is verified for this workspace/)).toBeInTheDocument();
  });

  it("shows an admin the settings without the owner's controls", async () => {
    role = "admin";
    renderPage();
    expect(await screen.findByText("Only the workspace's owner changes this.")).toBeInTheDocument();
    expect(await screen.findByLabelText("Issuer URL")).toBeDisabled();
    expect(screen.queryByRole("button", { name: /Reset MFA/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save single sign-on" })).not.toBeInTheDocument();
  });
});
