/**
 * The one cache of workflow versions: a published version never changes, so its definition and
 * its graph (definition.ts) are kept per process once read, for the webhook ingress (signature
 * setting) and the engine (the DAG of every round). At most 2000 versions; past that the cache
 * starts over.
 */
import type { WorkflowDefinition } from "@nhood/contracts";
import type { Tx } from "../../../db/client";
import { versionDefinition } from "../service";
import { buildGraph, type WorkflowGraph } from "./definition";

export interface CachedVersion {
  definition: WorkflowDefinition;
  graph: WorkflowGraph;
}

const versions = new Map<string, CachedVersion>();

/** Version `version` of `workflowId`; NotFound when it does not exist. */
export async function cachedVersion(tx: Tx, workflowId: string, version: number): Promise<CachedVersion> {
  const key = `${workflowId}:${version}`;
  let v = versions.get(key);
  if (!v) {
    const definition = await versionDefinition(tx, workflowId, version);
    v = { definition, graph: buildGraph(definition) };
    if (versions.size > 2000) versions.clear();
    versions.set(key, v);
  }
  return v;
}
