/**
 * The fair lane of the engine's batchers (decision 038): the waiting items of workspaces that have
 * nothing in flight go together in one extra transaction at once, instead of waiting behind (or
 * inside) the batches of a workspace that floods the process — when every batch slot of a batcher
 * (the webhooks' group commit, the rounds' batcher) is taken, and also (session 9) when a slot is
 * free but the waiting items mix such workspaces with one that has batches in flight: the next
 * regular batch would carry both, and the quiet workspace's items would wait for the flood's rows.
 * A workspace alone never uses it (its own items are always in flight). `NH_FAIR_LANE=0` turns it
 * off.
 */

/** Whether the fair lane is on (`NH_FAIR_LANE`, default on). */
export const fairLaneOn = (): boolean => process.env.NH_FAIR_LANE !== "0";

/** Workspaces' items in flight in one batcher: a count per workspace id. */
export class InFlight {
  private readonly counts = new Map<string, number>();

  /** Whether `workspaceId` has an item in flight. */
  has(workspaceId: string): boolean {
    return this.counts.has(workspaceId);
  }

  /**
   * Splits `waiting` (in order) into the items of workspaces with nothing in flight, at most
   * `max`, and the rest.
   */
  splitQuiet<T>(waiting: T[], workspaceOf: (item: T) => string, max: number): { quiet: T[]; rest: T[] } {
    const quiet: T[] = [];
    const rest: T[] = [];
    for (const w of waiting) (quiet.length < max && !this.counts.has(workspaceOf(w)) ? quiet : rest).push(w);
    return { quiet, rest };
  }

  /** Runs `work`, counting `items` as in flight per workspace meanwhile. */
  async during<T>(items: T[], workspaceOf: (item: T) => string, work: () => Promise<void>): Promise<void> {
    for (const w of items) this.counts.set(workspaceOf(w), (this.counts.get(workspaceOf(w)) ?? 0) + 1);
    try {
      await work();
    } finally {
      for (const w of items) {
        const left = (this.counts.get(workspaceOf(w)) ?? 1) - 1;
        if (left > 0) this.counts.set(workspaceOf(w), left);
        else this.counts.delete(workspaceOf(w));
      }
    }
  }
}

/**
 * What the fair lane takes now from `waiting` (in order), or null: the items of workspaces with
 * nothing in flight (at most `max`) when `slotsFull`; with a slot free, only when `waiting` mixes
 * them with items of workspaces that have something in flight (else the regular batch serves).
 */
export function laneTakes<T>(
  busy: InFlight,
  waiting: T[],
  workspaceOf: (item: T) => string,
  max: number,
  slotsFull: boolean,
): { quiet: T[]; rest: T[] } | null {
  if (!waiting.length || !fairLaneOn()) return null;
  const split = busy.splitQuiet(waiting, workspaceOf, max);
  if (!split.quiet.length) return null;
  if (!slotsFull && !split.rest.some((w) => busy.has(workspaceOf(w)))) return null;
  return split;
}
