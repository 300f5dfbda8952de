/** Executions of the workspace's workflows: filter by status (and workflow via ?workflow_id=), live while any runs. */
import { Button, EmptyState, PageHeader, Select, toast, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import {
  AsyncContent,
  formatDateTime,
  LoadMore,
  ProblemMessage,
  useActiveWorkspaceId,
  useMarkPortalReady,
  usePortalPath,
  type ExecutionStatus,
} from "@nhood/web-kit";
import { Link, useSearchParams } from "react-router-dom";
import { useExecutions, useRerunFailed, useTestMode } from "../api/use-executions";
import { durationBetween, formatDuration, StatusBadge } from "./execution-status";

const STATUS_OPTIONS = [{ value: "", label: "Any status" }, ...["queued", "running", "succeeded", "failed", "cancelled"].map((s) => ({ value: s, label: s }))];

export default function ExecutionsPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const [params, setParams] = useSearchParams();
  const status = (params.get("status") ?? "") as ExecutionStatus | "";
  const workflowId = params.get("workflow_id") ?? undefined;
  // live and test executions are listed apart; a workspace in test mode shows its test runs first
  const testMode = useTestMode(ws);
  const mode = (params.get("mode") ?? (testMode.data?.test_mode ? "test" : "live")) as "live" | "test";
  const query = useExecutions(ws, { status: status || undefined, workflow_id: workflowId, mode });
  const rerunFailed = useRerunFailed(ws);
  const detailPath = usePortalPath("executions");
  const workflowsPath = usePortalPath("workflows");
  useMarkPortalReady(query.status !== "pending");
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const setFilter = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  return (
    <>
      <PageHeader title="Executions" description="Every run of your workflows, step by step." />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <div className="w-48">
          <Select label="Status" value={status} options={STATUS_OPTIONS} onChange={(e) => setFilter("status", e.target.value)} />
        </div>
        <div className="w-40">
          <Select
            label="Mode"
            value={mode}
            options={[
              { value: "live", label: "Live" },
              { value: "test", label: "Test" },
            ]}
            onChange={(e) => setFilter("mode", e.target.value)}
          />
        </div>
        {workflowId && (
          <button type="button" className="pb-2 text-sm underline" onClick={() => setFilter("workflow_id", "")}>
            Show every workflow
          </button>
        )}
        {workflowId && status === "failed" && (
          <Button
            variant="secondary"
            loading={rerunFailed.isPending}
            onClick={() =>
              rerunFailed.mutate(workflowId, {
                onSuccess: (r) => toast(`Re-running ${r.execution_ids.length} failed execution${r.execution_ids.length === 1 ? "" : "s"}`, { tone: "success" }),
              })
            }
          >
            Re-run all failed
          </Button>
        )}
      </div>
      {rerunFailed.error ? <ProblemMessage error={rerunFailed.error} title="Couldn't re-run the failed executions" /> : null}
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load executions"
        loadingLabel="Loading executions…"
        isEmpty={items.length === 0}
        empty={
          <EmptyState
            title={status || workflowId ? "No executions match" : "No executions yet"}
            action={
              <Link className="text-sm font-medium underline" to={workflowsPath}>
                Open your workflows
              </Link>
            }
          >
            {status || workflowId
              ? "Try another status or workflow."
              : "An execution starts when a published workflow's trigger fires: call its webhook URL, wait for its schedule, or press Test run in the editor."}
          </EmptyState>
        }
      >
        <Table caption="Executions">
          <THead>
            <Tr>
              <Th>Workflow</Th>
              <Th>Status</Th>
              <Th>Trigger</Th>
              <Th>Started</Th>
              <Th>Duration</Th>
            </Tr>
          </THead>
          <TBody>
            {items.map((e) => (
              <Tr key={e.id}>
                <Td className="font-medium">
                  <Link className="underline-offset-2 hover:underline" to={`${detailPath}/${e.id}`}>
                    {e.workflow_name}
                  </Link>{" "}
                  <span className="text-xs text-fg-muted">v{e.version}</span>
                </Td>
                <Td>
                  <StatusBadge status={e.status} />
                </Td>
                <Td className="text-fg-muted">{e.trigger_type}</Td>
                <Td className="whitespace-nowrap text-fg-muted">{formatDateTime(e.created_at)}</Td>
                <Td className="tabular-nums">{formatDuration(durationBetween(e.started_at ?? e.created_at, e.finished_at))}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
      </AsyncContent>
    </>
  );
}
