/**
 * Automatic layout of the workflow DAG for the canvas with dagre (Sugiyama-style layered
 * layout, top → bottom): the trigger sits on rank 0, each step on a rank below all of its
 * dependencies (explicit `depends_on`, implicit "previous step" and condition branches), and
 * dagre orders nodes within a rank to reduce edge crossings. Cycles (which validation reports)
 * are still drawn. Positions are top-left corners in canvas pixels, recomputed from the
 * definition on every change, never stored. Lives in the lazily loaded editor chunk only.
 */
import dagre from "@dagrejs/dagre";
import { stepLinks } from "@nhood/contracts";
import type { Draft } from "./definition";

export const NODE_W = 240;
export const NODE_H = 88;
const GAP_X = 40;
const GAP_Y = 70;

export interface Placed {
  id: string;
  x: number;
  y: number;
}

/** Positions (top-left, px) for "trigger" and every step id. */
export function layoutDraft(d: Draft): Placed[] {
  const links = stepLinks(d.steps);
  const known = new Set(links.map((l) => l.id));
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: "TB", nodesep: GAP_X, ranksep: GAP_Y, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  g.setNode("trigger", { width: NODE_W, height: NODE_H });
  for (const l of links) g.setNode(l.id, { width: NODE_W, height: NODE_H });
  for (const l of links) {
    const deps = l.deps.filter((x) => known.has(x) && x !== l.id);
    if (deps.length === 0) g.setEdge("trigger", l.id);
    for (const dep of deps) g.setEdge(dep, l.id);
  }
  dagre.layout(g);
  return ["trigger", ...links.map((l) => l.id)].map((id) => {
    const n = g.node(id);
    return { id, x: n.x - NODE_W / 2, y: n.y - NODE_H / 2 };
  });
}
