import { describe, expect, it } from "vitest";
import { uuidv7, uuidv7s } from "./uuidv7";

describe("uuidv7s", () => {
  it("makes RFC 9562 version 7 ids: the time in ms in the first 48 bits, the variant 10, the rest random", () => {
    const ms = 0x0190_1234_5678;
    const ids = uuidv7s(10_000, ms);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(ms);
    }
    expect(new Set(ids).size).toBe(ids.length);
    // every variant digit occurs: its two low bits are random
    expect(new Set(ids.map((id) => id[19])).size).toBe(4);
  });

  it("sorts by time across milliseconds", () => {
    const earlier = uuidv7(1_700_000_000_000);
    const later = uuidv7(1_700_000_000_001);
    expect(earlier < later).toBe(true);
    expect(uuidv7()[14]).toBe("7");
  });
});
