import { Badge, EmptyState } from "@nhood/design-system";
import { formatDate, type Connection } from "@nhood/web-kit";

const statusTone = { active: "success", expired: "warning", revoked: "neutral", error: "danger" } as const;
const statusLabel = { active: "Connected", expired: "Expired", revoked: "Disconnected", error: "Needs attention" } as const;

function providerName(provider: string): string {
  return provider.replace(/[_-]+/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());
}

/** The apps an end user connected, or an empty state explaining what connecting means. */
export function ConnectionsList({ connections, company }: { connections: Connection[]; company: string }) {
  if (connections.length === 0) {
    return (
      <EmptyState headingLevel={3} title="You haven't connected any apps yet">
        When {company} asks you to connect an app such as Slack or Salesforce, it will show up here
        with what it may access. You can disconnect it at any time.
      </EmptyState>
    );
  }
  return (
    <ul className="divide-y divide-line">
      {connections.map((c) => (
        <li key={c.id} className="flex items-start justify-between gap-4 py-3">
          <div>
            <p className="font-medium text-fg">{providerName(c.provider)}</p>
            <p className="text-xs text-fg-muted">
              Connected {formatDate(c.created_at)}
              {c.scopes.length > 0 && <> · access: {c.scopes.join(", ")}</>}
            </p>
          </div>
          <Badge tone={statusTone[c.status]}>{statusLabel[c.status]}</Badge>
        </li>
      ))}
    </ul>
  );
}
