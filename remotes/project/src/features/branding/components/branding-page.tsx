/**
 * Branding settings with a live preview: display name, an uploaded logo (or a logo URL), brand colour and, on plans with
 * `custom_domain`, the custom domain the portal and its sign-in are served on (seed 003 §12.1) once proven by a DNS TXT
 * record or an HTTP token (decision 034; custom-domain-proof.tsx).
 */
import { BrandedHeader, BrandScope, Button, Input, PageHeader, toast } from "@nhood/design-system";
import { AsyncContent, isApiError, ProblemMessage, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import { useEffect, useState, type FormEvent } from "react";
import { useWorkspaceBranding } from "../api/use-workspace-branding";
import { useUpdateBranding } from "../api/use-update-branding";
import { CustomDomainProof } from "./custom-domain-proof";
import { LogoUpload } from "./logo-upload";

/** Where a CNAME should point: the host this page came from, unless that is the custom domain itself. */
function cnameTarget(savedDomain: string | null): string {
  const here = window.location.hostname;
  return here === savedDomain ? "the NeighbourHood host you were given" : here;
}

export function BrandingPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = useWorkspaceBranding(ws);
  const save = useUpdateBranding(ws);
  const [v, setV] = useState({ display_name: "", logo_url: "", primary_color: "#4f46e5", custom_domain: "" });
  useMarkPortalReady(query.status !== "pending");
  useEffect(() => {
    if (query.data)
      setV({
        display_name: query.data.display_name,
        logo_url: query.data.logo_url ?? "",
        primary_color: query.data.primary_color,
        custom_domain: query.data.custom_domain ?? "",
      });
  }, [query.data]);
  const domainAllowed = query.data?.custom_domain_allowed ?? false;
  const err = (p: string) => (isApiError(save.error) ? save.error.problem.errors?.find((e) => e.pointer === p)?.detail : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const saved = query.data;
    const next = {
      display_name: v.display_name,
      logo_url: v.logo_url.trim() || null,
      primary_color: v.primary_color,
      custom_domain: v.custom_domain.trim() || null,
    };
    // only what changed: an untouched field (e.g. a logo path set by the platform) is never re-validated
    const changes = Object.fromEntries(Object.entries(next).filter(([k, value]) => !saved || saved[k as keyof typeof next] !== value));
    save.mutate(changes, { onSuccess: () => toast("Branding saved", { tone: "success" }) });
  };
  const savedDomain = query.data?.custom_domain ?? null;
  const verification = query.data?.custom_domain_verification ?? null;
  return (
    <>
      <PageHeader title="Branding" description="Your logo, name and colour on this portal and the client portal." />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load branding"
        isEmpty={false}
        empty={null}
      >
        <div className="grid gap-6 lg:grid-cols-2">
          {/* noValidate: the BFF validates and each refusal is shown on its field */}
          <form onSubmit={submit} noValidate className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
            {save.isError && <ProblemMessage title="Couldn't save branding" error={save.error} />}
            <Input
              label="Display name"
              required
              value={v.display_name}
              onChange={(e) => setV({ ...v, display_name: e.target.value })}
              error={err("#/display_name")}
            />
            <LogoUpload ws={ws} logoUrl={query.data?.logo_url ?? null} />
            <Input
              label="Logo URL"
              type="url"
              value={v.logo_url}
              placeholder="https://…/logo.svg"
              hint="Or link a logo hosted elsewhere (https://…); an uploaded logo fills this in."
              onChange={(e) => setV({ ...v, logo_url: e.target.value })}
              error={err("#/logo_url")}
            />
            <label className="flex items-center gap-3 text-sm font-medium">
              Brand colour
              <input type="color" value={v.primary_color} onChange={(e) => setV({ ...v, primary_color: e.target.value })} aria-label="Brand colour" />
              <code className="text-xs">{v.primary_color}</code>
            </label>
            {err("#/primary_color") && <p className="text-xs text-danger">{err("#/primary_color")}</p>}
            <Input
              label="Custom domain"
              value={v.custom_domain}
              placeholder="notify.yourcompany.com"
              disabled={!domainAllowed}
              spellCheck={false}
              autoCapitalize="none"
              onChange={(e) => setV({ ...v, custom_domain: e.target.value })}
              error={err("#/custom_domain")}
              hint={
                domainAllowed
                  ? `Add a CNAME record pointing it at ${cnameTarget(savedDomain)}; once you have proven the domain is yours, this portal and its sign-in page are served with your branding there.`
                  : "Your plan doesn't include a custom domain: upgrade to Professional or Enterprise to use one."
              }
            />
            {savedDomain && domainAllowed && verification && <CustomDomainProof ws={ws} domain={savedDomain} verification={verification} />}
            {savedDomain && domainAllowed && verification?.status === "verified" && (
              <p className="text-xs text-fg-muted">
                Served at{" "}
                <a
                  className="font-medium text-brand-text underline"
                  href={`${window.location.protocol}//${savedDomain}${window.location.port ? `:${window.location.port}` : ""}/`}
                >
                  {savedDomain}
                </a>
              </p>
            )}
            <div>
              <Button type="submit" loading={save.isPending}>
                Save branding
              </Button>
            </div>
          </form>
          <section aria-label="Preview" className="rounded-lg border border-dashed border-line p-4">
            <p className="mb-2 text-xs uppercase text-fg-muted">Preview</p>
            <BrandScope primaryColor={v.primary_color}>
              <BrandedHeader displayName={v.display_name || "Your workspace"} logoUrl={v.logo_url || null} subtitle="Workspace portal" />
              <Button>Primary action</Button>
            </BrandScope>
          </section>
        </div>
      </AsyncContent>
    </>
  );
}
