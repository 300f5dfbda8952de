/** Purposes: what the workspace does with end users' connections, each with a versioned notice. */
import { Button, Card, EmptyState, PageHeader } from "@nhood/design-system";
import { AsyncContent, formatDate, useActiveWorkspaceId, useMarkPortalReady, type Purpose } from "@nhood/web-kit";
import { useState } from "react";
import { usePurposes } from "../api/use-purposes";
import { PurposeForm } from "./purpose-form";

export function PurposesPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const q = usePurposes(ws);
  const [editing, setEditing] = useState<Purpose | null>(null);
  useMarkPortalReady(q.status !== "pending");
  return (
    <>
      <PageHeader
        title="Purposes"
        description="End users grant or revoke consent per purpose in the client portal; steps for a purpose's providers fail with consent_required without it."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <AsyncContent
          status={q.status}
          error={q.error}
          onRetry={() => void q.refetch()}
          errorTitle="Couldn't load the purposes"
          isEmpty={(q.data?.items.length ?? 0) === 0}
          empty={<EmptyState title="No purposes yet">Add one to ask your end users for consent before workflows use their connections.</EmptyState>}
        >
          <ul className="flex flex-col gap-3" aria-label="Purposes">
            {q.data?.items.map((p) => (
              <li key={p.id} className="rounded-lg border border-line bg-surface p-4">
                <div className="flex justify-between gap-3">
                  <div>
                    <p className="font-medium text-fg">
                      {p.title} <code className="font-mono text-xs text-fg-muted">{p.key}</code>
                    </p>
                    <p className="mt-1 text-sm text-fg-muted">{p.notice}</p>
                    <p className="mt-1 text-xs text-fg-muted">
                      v{p.version} · {p.providers.length ? p.providers.join(", ") : "every provider"} · updated {formatDate(p.updated_at)}
                    </p>
                  </div>
                  <Button size="sm" variant="secondary" onClick={() => setEditing(p)} aria-label={`Edit ${p.title}`}>
                    Edit
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </AsyncContent>
        <Card title={editing ? `Edit “${editing.title}”` : "Add a purpose"}>
          <PurposeForm key={editing?.id ?? "new"} ws={ws} editing={editing} onDone={() => setEditing(null)} />
        </Card>
      </div>
    </>
  );
}
