/** Every grant and revocation the end user made, newest first (the record behind GDPR Art. 7(1)). */
import { formatDateTime, type ConsentHistoryEntry } from "@nhood/web-kit";

export function ConsentHistory({ entries }: { entries: ConsentHistoryEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-fg-muted">No consent changes yet.</p>;
  return (
    <ol className="flex flex-col gap-1 text-sm" aria-label="Consent history">
      {entries.map((e) => (
        <li key={e.id} className="flex justify-between gap-4">
          <span>
            <strong className="font-medium">{e.granted ? "Granted" : "Revoked"}</strong> {e.purpose.replace(/_/g, " ")} (notice v{e.notice_version})
          </span>
          <time className="text-fg-muted" dateTime={e.at}>
            {formatDateTime(e.at)}
          </time>
        </li>
      ))}
    </ol>
  );
}
