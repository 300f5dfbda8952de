/**
 * The visual workflow editor (lazy-loaded route `workflows/:id`, `new` for a new one): canvas,
 * palette, side panel, trigger, versions, save draft, publish (problems shown on the nodes and
 * fields), test run with live step statuses, undo/redo and an unsaved-changes guard (in-app
 * navigation and closing the tab). The last test run (this session's, else the newest one saved)
 * shows on the canvas and in the inspector, and the step fields complete `{{ … }}` from it and
 * from the pinned sample payload.
 */
import { Badge, Button, Input, toast } from "@nhood/design-system";
import { AsyncContent, isApiError, ProblemMessage, useActiveWorkspaceId, useMarkPortalReady, usePortalPath } from "@nhood/web-kit";
import { useEffect, useMemo, useState } from "react";
import { flushSync } from "react-dom";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useActionPalette, useLiveExecution, usePublish, useSaveDraft, useTestRun, useWorkflow } from "../api/use-workflow-editor";
import { useLiveValidation } from "../api/use-live-validation";
import { usePinSamplePayload, useRefreshTestData, useTestData } from "../api/use-test-data";
import { addStep, blankDraft, connect, disconnect, removeStep, updateStep, withExplicitIds, type Draft } from "../model/definition";
import { groupProblems, type FieldProblem } from "../model/errors";
import { useHistory } from "../model/history";
import { nodeRuns, runOutputs } from "../model/run-data";
import { ActionPalette } from "./action-palette";
import { FlowCanvas } from "./flow-canvas";
import { RunDataPanel } from "./run-data-panel";
import { SamplePayloadPanel } from "./sample-payload-panel";
import { StepPanel } from "./step-panel";
import { TestRunDialog } from "./test-run-dialog";
import { TriggerPanel } from "./trigger-panel";
import { UnsavedChangesGuard } from "./unsaved-changes-guard";
import { VersionsPanel } from "./versions-panel";

export default function WorkflowEditorPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const { id: param } = useParams();
  const id = param && param !== "new" ? param : null;
  const wf = useWorkflow(ws, id);
  useMarkPortalReady(!id || wf.status !== "pending");
  return (
    <AsyncContent
      status={id ? wf.status : "success"}
      error={wf.error}
      onRetry={() => void wf.refetch()}
      errorTitle="Couldn't load the workflow"
      loadingLabel="Loading the workflow…"
      isEmpty={false}
      empty={null}
    >
      <Editor key={id ?? "new"} ws={ws} id={id} initial={wf.data ? withExplicitIds(wf.data.draft as Draft) : withExplicitIds(blankDraft())} />
    </AsyncContent>
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

function Editor({ ws, id, initial }: { ws: string; id: string | null; initial: Draft }) {
  const navigate = useNavigate();
  const editorPath = usePortalPath("workflows");
  const executionsPath = usePortalPath("executions");
  const wf = useWorkflow(ws, id);
  const history = useHistory<Draft>(initial);
  const draft = history.value;
  const [selected, setSelected] = useState<string | null>(null);
  const [publishProblems, setPublishProblems] = useState<FieldProblem[] | null>(null);
  const [testing, setTesting] = useState(false);
  const [executionId, setExecutionId] = useState<string | null>(null);
  const actions = useActionPalette(ws);
  const save = useSaveDraft(ws, id);
  const publish = usePublish(ws);
  const testRun = useTestRun(ws, id);
  const execution = useLiveExecution(ws, executionId);
  const liveProblems = useLiveValidation(ws, draft);
  const problems = useMemo(() => groupProblems(publishProblems ?? liveProblems, draft), [publishProblems, liveProblems, draft]);
  const testData = useTestData(ws, id);
  const pin = usePinSamplePayload(ws, id);
  const refreshTestData = useRefreshTestData(ws, id);
  // this session's test run once started, else the newest one saved
  const lastRun = executionId ? (execution.data ?? null) : (testData.data?.last_run ?? null);
  const runs = useMemo(() => nodeRuns(lastRun), [lastRun]);
  const outputs = useMemo(() => runOutputs(lastRun), [lastRun]);
  const pinned = testData.data?.sample_payload.payload ?? null;
  const lastRunPayload = isObject(lastRun?.trigger_payload) ? lastRun.trigger_payload : null;
  const runEnded = !!execution.data && !["queued", "running"].includes(execution.data.status);
  const live = wf.data;

  useEffect(() => {
    if (runEnded) refreshTestData();
  }, [runEnded, refreshTestData]);

  useEffect(() => setPublishProblems(null), [draft]);

  const edit = (fn: (d: Draft) => Draft) => history.set(fn);
  const saveDraft = async () => {
    const saved = await save.mutateAsync(draft);
    // committed at once, so the unsaved-changes guard lets the redirect of a new workflow through
    flushSync(() => history.markSaved());
    if (!id) void navigate(`${editorPath}/${saved.id}`, { replace: true });
    return saved;
  };
  const doPublish = async () => {
    try {
      const saved = history.dirty || !id ? await saveDraft() : live!;
      const published = await publish.mutateAsync(saved.id);
      toast(`Published version ${published.version}`, { tone: "success" });
    } catch (e) {
      if (isApiError(e) && e.problem.errors?.length) setPublishProblems(e.problem.errors);
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <Input
            label="Workflow name"
            value={draft.name}
            onChange={(e) => {
              const name = e.target.value;
              edit((d) => ({ ...d, name }));
            }}
          />
        </div>
        <div className="flex items-center gap-2 pb-1 text-sm">
          {live ? (
            <Badge tone={live.status === "active" ? "success" : live.status === "disabled" ? "warning" : "neutral"}>
              {live.version ? `v${live.version} ${live.status}` : "draft"}
            </Badge>
          ) : (
            <Badge>new</Badge>
          )}
          {history.dirty && (
            <span className="text-fg-muted" role="status">
              Unsaved changes
            </span>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="ghost" onClick={history.undo} disabled={!history.canUndo}>
            Undo
          </Button>
          <Button variant="ghost" onClick={history.redo} disabled={!history.canRedo}>
            Redo
          </Button>
          <Button
            variant="secondary"
            loading={save.isPending}
            onClick={() =>
              void saveDraft().then(
                () => toast("Draft saved", { tone: "success" }),
                () => {},
              )
            }
          >
            Save draft
          </Button>
          <Button loading={publish.isPending} onClick={() => void doPublish()}>
            Publish
          </Button>
          <Button
            variant="secondary"
            disabled={!live?.version}
            onClick={() => {
              testRun.reset();
              setTesting(true);
            }}
          >
            Test run
          </Button>
        </div>
      </div>
      {save.error ? <ProblemMessage error={save.error} title="Couldn't save the draft" /> : null}
      {publishProblems && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-semibold">
            The workflow cannot be published yet ({publishProblems.length} problem{publishProblems.length > 1 ? "s" : ""}):
          </p>
          <ul className="mt-1 list-disc pl-5">
            {publishProblems.map((p) => (
              <li key={p.pointer + p.detail}>
                <code>{p.pointer}</code> {p.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!publishProblems && publish.error && !(isApiError(publish.error) && publish.error.problem.errors?.length) ? (
        <ProblemMessage error={publish.error} title="Couldn't publish" />
      ) : null}
      {lastRun && (
        <p className="text-sm" role="status" data-execution-id={lastRun.id}>
          {executionId ? "Test run" : "Last test run"}{" "}
          <Badge tone={lastRun.status === "succeeded" ? "success" : lastRun.status === "failed" ? "danger" : "info"}>{lastRun.status}</Badge>{" "}
          <span className="text-fg-muted">{new Date(lastRun.created_at).toLocaleString()}</span>{" "}
          <Link className="underline" to={`${executionsPath}/${lastRun.id}`}>
            Open the execution
          </Link>
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-[1fr_340px]">
        <FlowCanvas
          draft={draft}
          selected={selected}
          problems={problems}
          runs={runs}
          onSelect={setSelected}
          onConnect={(s, t, h) => edit((d) => connect(d, s, t, h))}
          onDisconnect={(s, t) => edit((d) => disconnect(d, s, t))}
        />
        <aside className="flex flex-col gap-5 rounded-lg border border-line bg-surface p-4" aria-label="Inspector">
          {selected && selected !== "trigger" ? (
            <StepPanel
              draft={draft}
              stepId={selected}
              actions={actions.data?.items ?? []}
              problems={problems.steps.get(selected) ?? new Map()}
              samplePayload={pinned ?? lastRunPayload}
              outputs={outputs}
              onChange={(patch) => edit((d) => updateStep(d, selected, patch))}
              onDelete={() => {
                edit((d) => removeStep(d, selected));
                setSelected(null);
              }}
            />
          ) : (
            <TriggerPanel
              trigger={draft.trigger}
              problems={problems.trigger}
              webhookUrl={live?.webhook_url ?? null}
              onChange={(t) => edit((d) => ({ ...d, trigger: t }))}
            />
          )}
          <RunDataPanel nodeId={selected ?? "trigger"} run={runs.get(selected ?? "trigger")} hasRun={!!lastRun} />
          {(!selected || selected === "trigger") && (
            <SamplePayloadPanel
              saved={!!id}
              pinned={pinned}
              pinnedAt={testData.data?.sample_payload.pinned_at ?? null}
              lastRunPayload={lastRunPayload}
              pending={pin.isPending}
              error={pin.error}
              onPin={(payload) =>
                pin.mutate(payload, { onSuccess: (r) => toast(r.payload ? "Sample payload pinned" : "Sample payload unpinned", { tone: "success" }) })
              }
            />
          )}
          <ActionPalette
            actions={actions.data?.items ?? []}
            loading={actions.isPending}
            onAdd={(kind) => {
              const r = addStep(draft, kind, selected && selected !== "trigger" ? selected : (draft.steps.at(-1)?.id ?? null));
              history.set(r.draft);
              setSelected(r.id);
            }}
          />
          {id && live && (
            <VersionsPanel ws={ws} workflowId={id} liveVersion={live.version} onRolledBack={(d) => history.markSaved(withExplicitIds(d as Draft))} />
          )}
        </aside>
      </div>
      <TestRunDialog
        open={testing}
        pending={testRun.isPending}
        error={testRun.error}
        liveVersion={live?.version ?? 0}
        dirty={history.dirty || !!live?.has_unpublished_changes}
        initialPayload={pinned ?? lastRunPayload}
        onClose={() => setTesting(false)}
        onRun={(payload) =>
          testRun.mutate(payload, {
            onSuccess: (r) => {
              setExecutionId(r.execution_id);
              setTesting(false);
            },
          })
        }
      />
      <UnsavedChangesGuard dirty={history.dirty} />
    </div>
  );
}
