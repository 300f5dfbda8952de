/**
 * The workflow as a graph (@xyflow/react): trigger → steps, edges from `depends_on` and from a
 * condition's `then`/`else` handles. Drag from a handle to a step to connect; select an edge and
 * press Backspace to remove it. Positions come from `layoutDraft`. With a test run, each node shows
 * its status and output (`nodeRuns`).
 */
import { Background, Controls, ReactFlow, type ReactFlowInstance, useEdgesState, type Connection, type Edge } from "@xyflow/react";
import { stepLinks } from "@nhood/contracts";
import { useEffect, useMemo, useRef } from "react";
import type { Draft } from "../model/definition";
import type { GroupedProblems } from "../model/errors";
import { layoutDraft } from "../model/layout";
import { type NodeRun, outputPreview } from "../model/run-data";
import { nodeTypes, type StepFlowNode } from "./flow-nodes";
import { XYFLOW_BASE_CSS } from "./xyflow-base-css";

function useXyflowStyles() {
  useEffect(() => {
    if (document.getElementById("xyflow-base-css")) return;
    const style = document.createElement("style");
    style.id = "xyflow-base-css";
    style.textContent = XYFLOW_BASE_CSS;
    document.head.appendChild(style);
  }, []);
}

function triggerSubtitle(d: Draft): string {
  const t = d.trigger;
  return t.type === "webhook" ? `POST ${t.path}` : t.type === "schedule" ? `${t.cron} (${t.timezone ?? "UTC"})` : t.type === "event" ? t.event : "run by hand";
}

export interface FlowCanvasProps {
  draft: Draft;
  selected: string | null;
  problems: GroupedProblems;
  /** node id → the last test run's status and output for it (`nodeRuns`) */
  runs: Map<string, NodeRun>;
  onSelect: (id: string | null) => void;
  onConnect: (source: string, target: string, handle: "then" | "else" | null) => void;
  onDisconnect: (source: string, target: string) => void;
}

export function FlowCanvas({ draft, selected, problems, runs, onSelect, onConnect, onDisconnect }: FlowCanvasProps) {
  useXyflowStyles();
  const { nodes, edges } = useMemo(() => {
    const pos = new Map(layoutDraft(draft).map((p) => [p.id, p]));
    const links = stepLinks(draft.steps);
    const nodes: StepFlowNode[] = [
      {
        id: "trigger",
        type: "trigger",
        position: pos.get("trigger")!,
        deletable: false,
        data: {
          title: `${draft.trigger.type[0]!.toUpperCase()}${draft.trigger.type.slice(1)} trigger`,
          subtitle: triggerSubtitle(draft),
          problems: problems.trigger.size,
          selected: selected === "trigger",
          status: runs.get("trigger")?.status,
          output: runs.has("trigger") ? outputPreview(runs.get("trigger")!.output) : undefined,
        },
      },
    ];
    const edges: Edge[] = [];
    draft.steps.forEach((s, i) => {
      const { id, deps, gates } = links[i]!;
      const count = [...(problems.steps.get(id)?.values() ?? [])].reduce((n, l) => n + l.length, 0);
      nodes.push({
        id,
        type: s.type === "condition" ? "condition" : "action",
        position: pos.get(id) ?? { x: 0, y: 0 },
        data: {
          title: id,
          subtitle: s.type === "condition" ? s.condition : `${s.provider}.${s.action}`,
          problems: count,
          status: runs.get(id)?.status,
          output: runs.get(id)?.output != null ? outputPreview(runs.get(id)!.output) : undefined,
          selected: selected === id,
        },
      });
      if (deps.length === 0) edges.push({ id: `trigger->${id}`, source: "trigger", target: id, deletable: false });
      for (const dep of deps) {
        const gate = gates.find((g) => g.condition === dep);
        edges.push({
          id: `${dep}->${id}`,
          source: dep,
          target: id,
          sourceHandle: gate?.branch ?? null,
          label: gate?.branch,
          animated: runs.get(dep)?.status === "running",
        });
      }
    });
    return { nodes, edges };
  }, [draft, selected, problems, runs]);
  // a run's output lines make nodes taller: fit the view again once they are drawn
  const flow = useRef<ReactFlowInstance<StepFlowNode> | null>(null);
  const hasRun = runs.size > 0;
  useEffect(() => {
    if (!hasRun) return;
    // after xyflow has measured the taller nodes (its ResizeObserver runs after layout)
    const timer = setTimeout(() => void flow.current?.fitView(), 150);
    return () => clearTimeout(timer);
  }, [hasRun]);
  // edges are kept in xyflow state so they can be selected (and removed with Backspace)
  const [edgeState, setEdges, onEdgesChange] = useEdgesState(edges);
  useEffect(() => setEdges(edges), [edges, setEdges]);

  return (
    <div className="h-[560px] w-full rounded-lg border border-line bg-surface-muted" data-testid="workflow-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edgeState}
        onEdgesChange={onEdgesChange}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        fitView
        onInit={(instance) => {
          flow.current = instance;
        }}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_, n) => onSelect(n.id)}
        onPaneClick={() => onSelect(null)}
        onConnect={(c: Connection) => c.source && c.target && onConnect(c.source, c.target, (c.sourceHandle as "then" | "else" | null) ?? null)}
        onEdgesDelete={(es) => {
          for (const e of es) onDisconnect(e.source, e.target);
        }}
        deleteKeyCode={["Backspace", "Delete"]}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
