/** Catalogue filtering: free text over name, key, category and action titles; category; auth kind. */
import type { ProviderSummary } from "@nhood/web-kit";

export interface ProviderFilter {
  q: string;
  category: string;
  auth: string;
}

export function filterProviders(providers: ProviderSummary[], f: ProviderFilter): ProviderSummary[] {
  const q = f.q.trim().toLowerCase();
  return providers.filter(
    (p) =>
      (!f.category || p.category === f.category) &&
      (!f.auth || p.auth_kind === f.auth) &&
      (!q || [p.name, p.key, p.category, ...p.actions.map((a) => `${a.key} ${a.title}`)].some((s) => s.toLowerCase().includes(q))),
  );
}

export const categoryLabel = (c: string) => c.replace(/_/g, " ").replace(/^\w/, (x) => x.toUpperCase());
export const authLabel = { oauth2: "OAuth 2", api_key: "API key", basic: "Basic auth" } as const;
