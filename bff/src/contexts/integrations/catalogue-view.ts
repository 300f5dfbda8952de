/**
 * The catalogue as the API shows it, and provider logos as SVG: the simple-icons glyph shipped
 * with the BFF when the brand is in simple-icons, otherwise a monogram on the brand colour — no
 * remote hotlinks at runtime.
 */
import * as icons from "simple-icons";
import type { ProviderSummary } from "@nhood/contracts";
import { listActions } from "./actions";
import { listProviders, providerBaseUrl, type ProviderDefinition } from "./catalogue";
import "./providers";

export function toProviderSummary(def: ProviderDefinition): ProviderSummary {
  let base = def.baseUrl;
  try {
    base = providerBaseUrl(def, Object.fromEntries((def.baseUrl.match(/\{(\w+)\}/g) ?? []).map((m) => [m.slice(1, -1), `{${m.slice(1, -1)}}`])));
  } catch {
    /* keep template */
  }
  return {
    key: def.key,
    name: def.name,
    category: def.category,
    auth_kind: def.auth.kind,
    scopes: def.auth.kind === "oauth2" ? def.auth.scopes : [],
    credential_fields: def.auth.kind === "oauth2" ? [] : def.auth.fields,
    config_fields: def.configFields ?? [],
    base_url: base,
    docs_url: def.docsUrl,
    logo_url: `/api/v1/integrations/providers/${def.key}/logo.svg`,
    color: def.logo.color,
    actions: listActions()
      .filter((a) => a.provider === def.key)
      .map((a) => ({ key: `${a.provider}.${a.action}`, title: a.title })),
    ...(def.auth.kind === "oauth2"
      ? { token_endpoint_auth_method: def.auth.clientAuth === "post" ? ("client_secret_post" as const) : ("client_secret_basic" as const) }
      : {}),
  };
}

export const catalogue = (): ProviderSummary[] => listProviders().map(toProviderSummary);

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An SVG logo for the provider (24×24 viewBox). */
export function providerLogoSvg(def: ProviderDefinition): string {
  const key = def.logo.slug ? `si${def.logo.slug[0]!.toUpperCase()}${def.logo.slug.slice(1)}` : "";
  const icon = (icons as unknown as Record<string, { path: string; title: string } | undefined>)[key];
  if (icon)
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" role="img" aria-label="${escapeXml(icon.title)}"><path fill="${def.logo.color}" d="${icon.path}"/></svg>`;
  const letters = def.name
    .split(/[\s.]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join("")
    .slice(0, 2);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" role="img" aria-label="${escapeXml(def.name)}"><rect width="24" height="24" rx="5" fill="${def.logo.color}"/><text x="12" y="16" text-anchor="middle" font-family="system-ui,sans-serif" font-size="10" font-weight="700" fill="#fff">${escapeXml(letters)}</text></svg>`;
}
