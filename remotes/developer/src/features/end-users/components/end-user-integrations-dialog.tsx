/** A dialog with one end user's connections (status, last error) and consents per purpose. */
import { Badge, Button, Dialog } from "@nhood/design-system";
import { AsyncContent, formatDateTime, type EndUser } from "@nhood/web-kit";
import { useEndUserIntegrations } from "../api/use-end-user-integrations";

const tone = { active: "success", expired: "warning", revoked: "neutral", error: "danger" } as const;

export function EndUserIntegrationsDialog({ ws, endUser, onClose }: { ws: string; endUser: EndUser; onClose: () => void }) {
  const q = useEndUserIntegrations(ws, endUser.id);
  return (
    <Dialog
      open
      onClose={onClose}
      title={`${endUser.name ?? endUser.external_user_id}: connections and consents`}
      footer={
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      }
    >
      <AsyncContent
        status={q.status}
        error={q.error}
        onRetry={() => void q.refetch()}
        errorTitle="Couldn't load this end user's integrations"
        isEmpty={false}
        empty={null}
      >
        <h3 className="text-sm font-semibold text-fg">Connections</h3>
        {q.data?.connections.length ? (
          <ul className="mb-4 mt-1 divide-y divide-line text-sm">
            {q.data.connections.map((c) => (
              <li key={c.id} className="flex items-start justify-between gap-3 py-2">
                <span>
                  <strong className="font-medium">{c.provider}</strong> <span className="text-fg-muted">since {formatDateTime(c.created_at)}</span>
                  {c.last_error && <span className="block text-xs text-danger">{c.last_error}</span>}
                </span>
                <Badge tone={tone[c.status]}>{c.status}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-4 mt-1 text-sm text-fg-muted">No connections yet: the end user connects apps in the client portal.</p>
        )}
        <h3 className="text-sm font-semibold text-fg">Consents</h3>
        {q.data?.consents.length ? (
          <ul className="mt-1 divide-y divide-line text-sm">
            {q.data.consents.map((p) => (
              <li key={p.key} className="flex justify-between gap-3 py-2">
                <span>
                  {p.title} <span className="text-fg-muted">(notice v{p.consented_version ?? p.version})</span>
                </span>
                <Badge tone={p.granted ? "success" : p.granted === false ? "neutral" : "warning"}>
                  {p.granted ? "granted" : p.granted === false ? "revoked" : "not decided"}
                </Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-fg-muted">The workspace has no purposes yet.</p>
        )}
      </AsyncContent>
    </Dialog>
  );
}
