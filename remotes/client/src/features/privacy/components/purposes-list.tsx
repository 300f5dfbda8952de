/**
 * Each purpose with its notice, the end user's current choice and one button to change it:
 * revoking is as easy as granting (GDPR Art. 7(3)).
 */
import { Badge, Button, EmptyState } from "@nhood/design-system";
import { formatDateTime, type EndUserPurpose } from "@nhood/web-kit";

export interface PurposesListProps {
  purposes: EndUserPurpose[];
  company: string;
  busy: string | null;
  onChange: (purpose: string, granted: boolean) => void;
}

export function PurposesList({ purposes, company, busy, onChange }: PurposesListProps) {
  if (purposes.length === 0) {
    return (
      <EmptyState headingLevel={3} title="Nothing to decide">
        {company} hasn't asked for your consent to anything yet.
      </EmptyState>
    );
  }
  return (
    <ul className="flex flex-col gap-4" aria-label="Purposes">
      {purposes.map((p) => (
        <li key={p.key} className="rounded-md border border-line p-4" data-testid={`purpose-${p.key}`}>
          <div className="flex items-start justify-between gap-4">
            <div>
              <p className="font-medium text-fg">{p.title}</p>
              <p className="mt-1 text-sm text-fg-muted">{p.notice}</p>
              <p className="mt-1 text-xs text-fg-muted">
                Notice version {p.version}
                {p.consent_updated_at && (
                  <>
                    {" "}
                    · your choice of {formatDateTime(p.consent_updated_at)}
                    {p.consented_version !== p.version && " (an earlier notice)"}
                  </>
                )}
              </p>
            </div>
            <div className="flex shrink-0 flex-col items-end gap-2">
              <Badge tone={p.granted ? "success" : p.granted === false ? "neutral" : "warning"}>
                {p.granted ? "Granted" : p.granted === false ? "Revoked" : "Not decided"}
              </Badge>
              {p.granted ? (
                <Button size="sm" variant="secondary" loading={busy === p.key} onClick={() => onChange(p.key, false)}>
                  Revoke
                </Button>
              ) : (
                <Button size="sm" loading={busy === p.key} onClick={() => onChange(p.key, true)}>
                  Grant
                </Button>
              )}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
