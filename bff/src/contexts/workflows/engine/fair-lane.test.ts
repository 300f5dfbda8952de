/**
 * The fair lane's bookkeeping (fair-lane.ts, decision 038): which waiting items may take the lane
 * (those of workspaces with nothing in flight, in order, at most `max`), and the in-flight counts
 * that decide it, released when the work ends or throws. The lane's effect on latency is measured
 * by `pnpm bench:workflows --fairness`.
 */
import { describe, expect, it } from "vitest";
import { InFlight } from "./fair-lane";

const ws = (w: { ws: string }) => w.ws;

describe("InFlight", () => {
  it("lets only the items of workspaces with nothing in flight take the lane, in order and at most max", async () => {
    const busy = new InFlight();
    let release!: () => void;
    const running = busy.during([{ ws: "a" }, { ws: "a" }], ws, () => new Promise<void>((r) => (release = r)));
    const waiting = [
      { ws: "a", n: 1 },
      { ws: "b", n: 2 },
      { ws: "c", n: 3 },
      { ws: "b", n: 4 },
      { ws: "d", n: 5 },
    ];
    const { quiet, rest } = busy.splitQuiet(waiting, ws, 3);
    expect(quiet.map((w) => w.n)).toEqual([2, 3, 4]);
    expect(rest.map((w) => w.n)).toEqual([1, 5]);
    release();
    await running;
    // once a's work ended, a is quiet too
    expect(busy.has("a")).toBe(false);
    expect(busy.splitQuiet(waiting, ws, 10).quiet).toHaveLength(5);
  });

  it("counts a workspace's items until each of its batches has ended, also when one throws", async () => {
    const busy = new InFlight();
    let endFirst!: () => void;
    const first = busy.during([{ ws: "a" }], ws, () => new Promise<void>((r) => (endFirst = r)));
    const second = busy.during([{ ws: "a" }], ws, () => Promise.reject(new Error("batch failed")));
    await expect(second).rejects.toThrow("batch failed");
    expect(busy.has("a")).toBe(true); // the first batch is still in flight
    endFirst();
    await first;
    expect(busy.has("a")).toBe(false);
  });
});
