/**
 * The fair lane's bookkeeping (fair-lane.ts, decision 038): which waiting items may take the lane
 * (those of workspaces with nothing in flight, in order, at most `max`), and the in-flight counts
 * that decide it, released when the work ends or throws. The lane's effect on latency is measured
 * by `pnpm bench:workflows --fairness`.
 */
import { describe, expect, it } from "vitest";
import { InFlight, laneTakes } from "./fair-lane";

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

  it("laneTakes: with a slot free, takes the quiet workspaces' items only when they wait mixed with a busy workspace's", async () => {
    const busy = new InFlight();
    let release!: () => void;
    const running = busy.during([{ ws: "a" }], ws, () => new Promise<void>((r) => (release = r)));
    const mixed = [
      { ws: "a", n: 1 },
      { ws: "b", n: 2 },
      { ws: "a", n: 3 },
    ];
    // a slot free, b waits among a's rounds: b goes apart, a's go to the regular batch
    expect(laneTakes(busy, mixed, ws, 10, false)).toEqual({ quiet: [mixed[1]], rest: [mixed[0], mixed[2]] });
    // a slot free, only quiet workspaces wait: the regular batch serves them
    expect(
      laneTakes(
        busy,
        [
          { ws: "b", n: 2 },
          { ws: "c", n: 4 },
        ],
        ws,
        10,
        false,
      ),
    ).toBeNull();
    // both slots taken: quiet ones go in the lane even alone
    expect(laneTakes(busy, [{ ws: "b", n: 2 }], ws, 10, true)?.quiet).toHaveLength(1);
    // a workspace alone never takes it
    expect(laneTakes(busy, [{ ws: "a", n: 1 }], ws, 10, true)).toBeNull();
    const before = process.env.NH_FAIR_LANE;
    process.env.NH_FAIR_LANE = "0";
    try {
      expect(laneTakes(busy, mixed, ws, 10, true)).toBeNull();
    } finally {
      if (before === undefined) delete process.env.NH_FAIR_LANE;
      else process.env.NH_FAIR_LANE = before;
    }
    release();
    await running;
    // nothing in flight any more: nothing is mixed
    expect(laneTakes(busy, mixed, ws, 10, false)).toBeNull();
  });
});
