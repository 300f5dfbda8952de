/** Version history: every published version, a diff against the live one, and roll back. */
import { Badge, Button } from "@nhood/design-system";
import { AsyncContent, formatDateTime, ProblemMessage } from "@nhood/web-kit";
import { useState } from "react";
import { useCompare, useRollback, useVersions } from "../api/use-workflow-editor";

export function VersionsPanel({
  ws,
  workflowId,
  liveVersion,
  onRolledBack,
}: {
  ws: string;
  workflowId: string;
  liveVersion: number;
  onRolledBack: (draft: Record<string, unknown>) => void;
}) {
  const versions = useVersions(ws, workflowId);
  const [compareTo, setCompareTo] = useState<number | null>(null);
  const diff = useCompare(ws, workflowId, compareTo, liveVersion);
  const rollback = useRollback(ws, workflowId);
  const items = versions.data?.items ?? [];
  return (
    <section aria-label="Versions" className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">Versions</h3>
      <AsyncContent
        status={versions.status}
        error={versions.error}
        onRetry={() => void versions.refetch()}
        errorTitle="Couldn't load versions"
        loadingLabel="Loading versions…"
        isEmpty={items.length === 0}
        empty={<p className="text-xs text-fg-muted">Nothing published yet. Publish to create version 1; every publish makes a new, immutable version.</p>}
      >
        <ul className="flex flex-col gap-1">
          {items.map((v) => (
            <li key={v.version} className="flex items-center justify-between gap-2 text-sm">
              <span>
                v{v.version} {v.live && <Badge tone="success">live</Badge>} <span className="text-xs text-fg-muted">{formatDateTime(v.created_at)}</span>
              </span>
              {!v.live && (
                <span className="flex gap-1">
                  <Button size="sm" variant="ghost" onClick={() => setCompareTo(v.version)}>
                    Diff
                  </Button>
                  <Button
                    size="sm"
                    variant="secondary"
                    loading={rollback.isPending && rollback.variables === v.version}
                    onClick={() => rollback.mutate(v.version, { onSuccess: (wf) => onRolledBack(wf.draft) })}
                  >
                    Roll back
                  </Button>
                </span>
              )}
            </li>
          ))}
        </ul>
      </AsyncContent>
      {rollback.error && <ProblemMessage error={rollback.error} />}
      {compareTo && diff.data && (
        <section className="rounded-md border border-line p-2 text-xs" aria-label={`Changes from v${compareTo} to v${liveVersion}`}>
          <p className="mb-1 font-semibold">
            v{compareTo} → v{liveVersion}: {diff.data.changes.length} change{diff.data.changes.length === 1 ? "" : "s"}
          </p>
          <ul className="flex flex-col gap-1 font-mono">
            {diff.data.changes.map((c) => (
              <li key={`${c.type}${c.pointer}`}>
                <span className={c.type === "REMOVE" ? "text-red-700" : c.type === "CREATE" ? "text-emerald-700" : "text-amber-700"}>
                  {c.type.toLowerCase()}
                </span>{" "}
                {c.pointer}
                {c.type === "CHANGE" && (
                  <>
                    : {JSON.stringify(c.before)} → {JSON.stringify(c.after)}
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
