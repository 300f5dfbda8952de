/**
 * UUIDv7 ids made in the process (RFC 9562 §5.7): 48 bits of Unix time in ms, the version (7),
 * 74 random bits and the variant (10). Time-ordered across milliseconds, random within one, as
 * the database's `nh_uuidv7()` (migration 0043); a batch's ids are made here so that its insert
 * answers nothing (decision 036, session 9).
 */
import { randomFillSync } from "node:crypto";

/** `n` UUIDv7 strings (lower-case, 8-4-4-4-12) with the time `ms` (default now); one call to the CSPRNG for all of them. */
export function uuidv7s(n: number, ms = Date.now()): string[] {
  const time = ms.toString(16).padStart(12, "0").slice(-12);
  const head = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
  const random = randomFillSync(Buffer.allocUnsafe(n * 10)).toString("hex");
  const out = new Array<string>(n);
  for (let i = 0, r = 0; i < n; i++, r += 20) {
    // 3 hex digits of rand_a, then the variant's two bits over the top of the next digit
    const variant = ((Number.parseInt(random[r + 3]!, 16) & 0x3) | 0x8).toString(16);
    out[i] = `${head}${random.slice(r, r + 3)}-${variant}${random.slice(r + 4, r + 7)}-${random.slice(r + 7, r + 19)}`;
  }
  return out;
}

/** One UUIDv7 string (see `uuidv7s`). */
export const uuidv7 = (ms = Date.now()): string => uuidv7s(1, ms)[0]!;
