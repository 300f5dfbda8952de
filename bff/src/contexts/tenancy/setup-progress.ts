/**
 * The setup wizard's progress (issue 16, decision 031), kept on the workspace so the wizard
 * resumes where the owner left it, on any device: each step (`api_key`, `workflow`, `invite`,
 * `provider`) is pending, done or skipped; `dismissed` once the wizard is finished or closed.
 */
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { NotFound } from "../../lib/errors";
import { setupSteps, type SetupProgress, type UpdateSetupProgressRequest } from "@nhood/contracts/onboarding";
import { workspaces } from "./schema";
import { findFirst } from "../../db/find-first";

function toProgress(raw: Record<string, string>): SetupProgress {
  const steps = Object.fromEntries(setupSteps.map((s) => [s, raw[s] === "done" || raw[s] === "skipped" ? raw[s] : "pending"])) as SetupProgress["steps"];
  const next = setupSteps.find((s) => steps[s] === "pending") ?? null;
  return { steps, next_step: next, dismissed: raw.dismissed === "true" };
}

/** The wizard's progress of the workspace (transaction scoped to it). 404 when unknown. */
export async function getSetupProgress(tx: Tx, workspaceId: string): Promise<SetupProgress> {
  const ws = await findFirst(tx, workspaces, eq(workspaces.id, workspaceId), { setupProgress: true });
  if (!ws) throw new NotFound("workspace");
  return toProgress(ws.setupProgress);
}

/** Marks a step done or skipped and/or sets `dismissed`; answers the progress after the change. */
export async function updateSetupProgress(tx: Tx, workspaceId: string, input: UpdateSetupProgressRequest): Promise<SetupProgress> {
  const ws = await findFirst(tx, workspaces, eq(workspaces.id, workspaceId), { setupProgress: true });
  if (!ws) throw new NotFound("workspace");
  const next: Record<string, string> = { ...ws.setupProgress };
  // "done" is final: skipping a step already done keeps it done
  if (input.step && input.state && next[input.step] !== "done") next[input.step] = input.state;
  if (input.dismissed !== undefined) next.dismissed = String(input.dismissed);
  await tx.update(workspaces).set({ setupProgress: next }).where(eq(workspaces.id, workspaceId));
  return toProgress(next);
}
