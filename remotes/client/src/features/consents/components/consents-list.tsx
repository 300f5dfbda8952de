import { Badge, EmptyState } from "@nhood/design-system";
import { formatDate, type Consent } from "@nhood/web-kit";

function humanise(purpose: string): string {
  const words = purpose.replace(/[_-]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The end user's choice per purpose, or an empty state explaining consent. */
export function ConsentsList({ consents, company }: { consents: Consent[]; company: string }) {
  if (consents.length === 0) {
    return (
      <EmptyState headingLevel={3} title="No consent requests yet">
        When {company} wants to use your data for a purpose, such as sending you notifications, it
        asks you here first. You can change your mind at any time.
      </EmptyState>
    );
  }
  return (
    <ul className="divide-y divide-line">
      {consents.map((c) => (
        <li key={c.id} className="flex items-start justify-between gap-4 py-3">
          <div>
            <p className="font-medium text-fg">{humanise(c.purpose)}</p>
            <p className="text-sm text-fg-muted">{c.description}</p>
            <p className="mt-0.5 text-xs text-fg-muted">Last changed {formatDate(c.updated_at)}</p>
          </div>
          <Badge tone={c.granted ? "success" : "neutral"}>{c.granted ? "Granted" : "Not granted"}</Badge>
        </li>
      ))}
    </ul>
  );
}
