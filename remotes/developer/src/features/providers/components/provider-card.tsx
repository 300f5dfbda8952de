/** One provider of the catalogue: logo, name, category, auth kind, actions, and its OAuth app state. */
import { Badge, Button } from "@nhood/design-system";
import type { ProviderSummary } from "@nhood/web-kit";
import { authLabel, categoryLabel } from "./filter-providers";

export interface ProviderCardProps {
  provider: ProviderSummary;
  onSetUp: (p: ProviderSummary) => void;
  /** set for providers that deliver signed webhooks */
  onWebhooks?: (p: ProviderSummary) => void;
}

/** Whose OAuth app the connect flow uses: the workspace's own first, else the platform's (`oauth_app`). */
function oauthBadge(p: ProviderSummary) {
  const owner = p.oauth_app ?? (p.enabled ? "workspace" : null);
  if (owner === "workspace") return <Badge tone="success">Your OAuth app set up</Badge>;
  // no app of the workspace's own: end users connect through NeighbourHood's app until it sets one up
  if (owner === "platform") return <Badge tone="info">Platform's OAuth app</Badge>;
  return <Badge tone="warning">Needs an OAuth app</Badge>;
}

export function ProviderCard({ provider: p, onSetUp, onWebhooks }: ProviderCardProps) {
  const own = (p.oauth_app ?? (p.enabled ? "workspace" : null)) === "workspace";
  return (
    <li className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4 shadow-sm" data-testid={`provider-${p.key}`}>
      <div className="flex items-center gap-3">
        <img src={p.logo_url} alt="" width={32} height={32} className="h-8 w-8" />
        <div className="min-w-0">
          <h3 className="truncate font-medium text-fg">{p.name}</h3>
          <p className="text-xs text-fg-muted">
            {categoryLabel(p.category)} · {authLabel[p.auth_kind]}
          </p>
        </div>
      </div>
      <ul className="flex flex-wrap gap-1" aria-label={`${p.name} actions`}>
        {p.actions.map((a) => (
          <li key={a.key}>
            <code className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-xs">{a.key}</code>
          </li>
        ))}
      </ul>
      <div className="mt-auto flex items-center justify-between gap-2">
        {p.auth_kind === "oauth2" ? oauthBadge(p) : <Badge tone="info">End users enter their key</Badge>}
        <div className="flex gap-1">
          {onWebhooks && (
            <Button size="sm" variant="ghost" onClick={() => onWebhooks(p)} aria-label={`${p.name} webhooks`}>
              Webhooks
            </Button>
          )}
          {p.auth_kind === "oauth2" && (
            <Button size="sm" variant="secondary" onClick={() => onSetUp(p)} aria-label={`${own ? "Edit" : "Set up"} the ${p.name} OAuth app`}>
              {own ? "Edit app" : p.oauth_app === "platform" ? "Use your own" : "Set up"}
            </Button>
          )}
        </div>
      </div>
    </li>
  );
}
