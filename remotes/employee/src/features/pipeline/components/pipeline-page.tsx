/** The pipeline board: one column per stage; drag a card (or use its menu) to move the lead. */
import { DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { PageHeader, toast } from "@nhood/design-system";
import { AsyncContent, describeError, useMarkPortalReady, type LeadListItem } from "@nhood/web-kit";
import { useWorkspace } from "../../../lib/workspace";
import { useStages } from "../../../lib/stages";
import { useMoveLead, useStageColumns } from "../api/use-pipeline";
import { StageColumn } from "./stage-column";
import { StagesEditor } from "./stages-editor";

export function PipelinePage() {
  const { ws, isAdmin } = useWorkspace();
  const stages = useStages(ws);
  const list = stages.data?.items ?? [];
  const columns = useStageColumns(
    ws,
    list.map((s) => s.key),
  );
  const move = useMoveLead(ws);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor));
  useMarkPortalReady(stages.status !== "pending" && columns.every((c) => c.status !== "pending"));

  const doMove = (lead: LeadListItem, to: string) => {
    if (lead.stage === to) return;
    move.mutate(
      { lead, to },
      {
        onSuccess: () => toast(`Moved to ${list.find((s) => s.key === to)?.label ?? to}`, { tone: "success" }),
        onError: (e) => toast("Couldn't move the lead", { tone: "danger", description: describeError(e).detail }),
      },
    );
  };
  const onDragEnd = (e: DragEndEvent) => {
    const lead = e.active.data.current?.lead as LeadListItem | undefined;
    if (lead && e.over) doMove(lead, String(e.over.id));
  };
  const total = columns.reduce((n, c) => n + (c.data?.items.length ?? 0), 0);
  const failed = columns.find((c) => c.error);
  return (
    <>
      <PageHeader
        title="Pipeline"
        description="Your leads and your team's, by stage. Drag a card to another stage, or use its menu."
        actions={isAdmin && stages.data ? <StagesEditor ws={ws} stages={list} /> : undefined}
      />
      <AsyncContent
        status={failed ? "error" : stages.status}
        error={failed?.error ?? stages.error}
        onRetry={() => {
          void stages.refetch();
          columns.forEach((c) => void c.refetch());
        }}
        errorTitle="Couldn't load the pipeline"
        loadingLabel="Loading the pipeline…"
        isEmpty={false}
        empty={null}
      >
        {total === 0 && columns.every((c) => c.status === "success") && (
          <p className="mb-3 text-sm text-fg-muted">
            No leads yet. Create a lead source under “Lead sources” and post your website form to it; new leads land in “{list[0]?.label}”.
          </p>
        )}
        <DndContext sensors={sensors} onDragEnd={onDragEnd}>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the board scrolls sideways; keyboard users scroll it once focused (axe scrollable-region-focusable) */}
          <div role="group" aria-label="Pipeline board" tabIndex={0} className="flex gap-3 overflow-x-auto pb-2">
            {list.map((s, i) => (
              <StageColumn
                key={s.key}
                stage={s}
                stages={list}
                leads={columns[i]?.data?.items ?? []}
                loading={columns[i]?.status === "pending"}
                more={Boolean(columns[i]?.data?.next_cursor)}
                onMove={doMove}
              />
            ))}
          </div>
        </DndContext>
      </AsyncContent>
    </>
  );
}
