/**
 * Layered layout of the workflow DAG for the canvas: a step's layer is its longest path from
 * the trigger (layer 0), steps in a layer sit side by side. Enough for DAGs of up to 100 steps
 * without a layout engine; positions are recomputed from the definition, never stored.
 */
import { stepLinks } from "@nhood/contracts";
import type { Draft } from "./definition";

export const NODE_W = 240;
export const NODE_H = 88;
const GAP_X = 40;
const GAP_Y = 70;

export interface Placed { id: string; x: number; y: number }

/** Positions for "trigger" and every step id. */
export function layoutDraft(d: Draft): Placed[] {
  const links = stepLinks(d.steps);
  const known = new Set(links.map((l) => l.id));
  const depth = new Map<string, number>();
  const depthOf = (id: string, seen = new Set<string>()): number => {
    if (depth.has(id)) return depth.get(id)!;
    if (seen.has(id)) return 1; // a cycle: validation reports it; draw it anyway
    seen.add(id);
    const deps = links.find((l) => l.id === id)?.deps.filter((x) => known.has(x)) ?? [];
    const v = deps.length ? Math.max(...deps.map((x) => depthOf(x, seen))) + 1 : 1;
    depth.set(id, v);
    return v;
  };
  links.forEach((l) => depthOf(l.id));
  const layers = new Map<number, string[]>();
  for (const l of links) layers.set(depth.get(l.id)!, [...(layers.get(depth.get(l.id)!) ?? []), l.id]);
  const widest = Math.max(1, ...[...layers.values()].map((l) => l.length));
  const centre = (widest * (NODE_W + GAP_X)) / 2;
  const out: Placed[] = [{ id: "trigger", x: centre - NODE_W / 2, y: 0 }];
  for (const [layer, ids] of layers) {
    const width = ids.length * (NODE_W + GAP_X) - GAP_X;
    ids.forEach((id, i) => out.push({ id, x: centre - width / 2 + i * (NODE_W + GAP_X), y: layer * (NODE_H + GAP_Y) }));
  }
  return out;
}
