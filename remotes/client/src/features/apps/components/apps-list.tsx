/**
 * The apps the workspace offers, each with its connection status and the action that fits:
 * connect (OAuth redirect or credentials form), reconnect when expired, disconnect.
 */
import { Button, EmptyState } from "@nhood/design-system";
import { formatDate, type ConnectionDetail, type ProviderSummary } from "@nhood/web-kit";
import { ConnectionStatus } from "./connection-status";

export interface AppsListProps {
  providers: ProviderSummary[];
  connections: ConnectionDetail[];
  company: string;
  busyProvider: string | null;
  onConnect: (p: ProviderSummary) => void;
  onDisconnect: (c: ConnectionDetail) => void;
}

export function AppsList({ providers, connections, company, busyProvider, onConnect, onDisconnect }: AppsListProps) {
  if (providers.length === 0) {
    return (
      <EmptyState headingLevel={3} title="No apps to connect yet">
        {company} hasn't offered any apps to connect. When it does, they appear here and you decide which ones to connect.
      </EmptyState>
    );
  }
  const current = (key: string) => connections.find((c) => c.provider === key && c.status !== "revoked");
  return (
    <ul className="divide-y divide-line" aria-label="Apps">
      {providers.map((p) => {
        const c = current(p.key);
        return (
          <li key={p.key} className="flex items-center justify-between gap-4 py-3" data-testid={`app-${p.key}`}>
            <div className="flex items-center gap-3">
              <img src={p.logo_url} alt="" width={32} height={32} className="h-8 w-8" />
              <div>
                <p className="font-medium text-fg">{p.name}</p>
                <p className="text-xs text-fg-muted">
                  {c ? (
                    <>
                      Connected {formatDate(c.created_at)}
                      {c.scopes.length > 0 && <> · access: {c.scopes.join(", ")}</>}
                    </>
                  ) : (
                    p.category.replace(/_/g, " ")
                  )}
                </p>
              </div>
            </div>
            <div className="flex items-center gap-3">
              {c && <ConnectionStatus connection={c} />}
              {c?.status === "active" ? (
                <Button size="sm" variant="danger-subtle" onClick={() => onDisconnect(c)}>
                  Disconnect
                </Button>
              ) : (
                <Button size="sm" loading={busyProvider === p.key} onClick={() => onConnect(p)}>
                  {c ? "Reconnect" : "Connect"}
                </Button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
