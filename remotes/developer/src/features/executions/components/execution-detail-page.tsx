/** One execution, live while it runs: every step's status, input, output, error and duration; re-run and cancel. */
import { Button, PageHeader, toast } from "@nhood/design-system";
import { AsyncContent, formatDateTime, ProblemMessage, useActiveWorkspaceId, useMarkPortalReady, usePortalPath } from "@nhood/web-kit";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useCancel, useExecution, useRerun } from "../api/use-executions";
import { durationBetween, formatDuration, StatusBadge } from "./execution-status";
import { StepRunItem } from "./step-run-item";

export default function ExecutionDetailPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const { id = "" } = useParams();
  const query = useExecution(ws, id);
  const rerun = useRerun(ws);
  const cancel = useCancel(ws);
  const navigate = useNavigate();
  const listPath = usePortalPath("executions");
  const editorPath = usePortalPath("workflows");
  useMarkPortalReady(query.status !== "pending");
  const e = query.data;
  const active = e && ["queued", "running"].includes(e.status);
  const again = (from: "start" | "failed_step", version: "same" | "latest") =>
    rerun.mutate(
      { id, from, version },
      {
        onSuccess: (r) => {
          toast("Re-run started", { tone: "success" });
          void navigate(`${listPath}/${r.execution_id}`);
        },
      },
    );
  return (
    <>
      <PageHeader
        title={e ? e.workflow_name : "Execution"}
        description={e ? `Execution ${e.id} · version ${e.version} · ${e.trigger_type}` : undefined}
        actions={
          e && (
            <div className="flex flex-wrap gap-2">
              {active && (
                <Button variant="danger-subtle" loading={cancel.isPending} onClick={() => cancel.mutate(id)}>
                  Cancel
                </Button>
              )}
              {!active && e.status === "failed" && (
                <Button loading={rerun.isPending} onClick={() => again("failed_step", "same")}>
                  Re-run from failed step
                </Button>
              )}
              {!active && (
                <Button variant="secondary" loading={rerun.isPending} onClick={() => again("start", "same")}>
                  Re-run
                </Button>
              )}
              {!active && (
                <Button variant="ghost" loading={rerun.isPending} onClick={() => again("start", "latest")}>
                  Re-run on latest version
                </Button>
              )}
            </div>
          )
        }
      />
      <p className="mb-3 text-sm">
        <Link className="underline" to={listPath}>
          ← All executions
        </Link>
        {e && (
          <>
            {" "}
            ·{" "}
            <Link className="underline" to={`${editorPath}/${e.workflow_id}`}>
              Open the workflow
            </Link>
          </>
        )}
      </p>
      {rerun.error ? <ProblemMessage error={rerun.error} title="Couldn't re-run" /> : null}
      {cancel.error ? <ProblemMessage error={cancel.error} title="Couldn't cancel" /> : null}
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load the execution"
        loadingLabel="Loading the execution…"
        isEmpty={false}
        empty={null}
      >
        {e && (
          <div className="flex flex-col gap-4">
            <div className="flex flex-wrap items-center gap-4 text-sm" role="status" aria-live="polite">
              <span data-testid="execution-status">
                <StatusBadge status={e.status} />
              </span>
              <span className="text-fg-muted">started {formatDateTime(e.created_at)}</span>
              <span className="tabular-nums">{formatDuration(durationBetween(e.started_at ?? e.created_at, e.finished_at))}</span>
              {e.rerun_of && (
                <Link className="underline" to={`${listPath}/${e.rerun_of}`}>
                  re-run of an earlier execution
                </Link>
              )}
            </div>
            {e.error && <p className="rounded-md bg-red-50 p-3 text-sm text-red-800">{e.error}</p>}
            <details>
              <summary className="cursor-pointer text-sm font-medium">Trigger payload</summary>
              <pre className="mt-1 max-h-60 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{JSON.stringify(e.trigger_payload, null, 2)}</pre>
            </details>
            <ol className="flex flex-col gap-2" aria-label="Steps">
              {e.steps.map((s) => (
                <StepRunItem key={s.id} stepId={s.id} label={s.label} run={e.step_runs.find((r) => r.step_id === s.id)} />
              ))}
            </ol>
          </div>
        )}
      </AsyncContent>
    </>
  );
}
