import { describe, expect, it } from "vitest";
import { DecryptionFailed, decryptForWorkspace, encryptForWorkspace, newWrappedDataKey, randomToken, safeEqual, sha256Hex } from "./secrets";

const wsA = crypto.randomUUID();
const wsB = crypto.randomUUID();
const keyA = newWrappedDataKey(wsA);
const keyB = newWrappedDataKey(wsB);
const SECRET = "xoxb-slack-token-1234567890";

/** Flips one bit of byte `i` of part `part` (1 = iv, 2 = tag, 3 = ciphertext) of a sealed value. */
function flip(sealed: string, part: 1 | 2 | 3, i: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[i] = bytes[i]! ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("envelope encryption per workspace", () => {
  it("round-trips values, including empty and non-ASCII ones", () => {
    for (const value of [SECRET, "", "ünïcødé ✓ 🔐", "x".repeat(10_000)]) {
      const sealed = encryptForWorkspace(keyA, wsA, "oauth_token", value);
      expect(sealed).not.toContain(value || "\u0000");
      expect(decryptForWorkspace(keyA, wsA, "oauth_token", sealed)).toBe(value);
    }
  });

  it("uses a fresh IV each time: the same value encrypts differently", () => {
    const one = encryptForWorkspace(keyA, wsA, "oauth_token", SECRET);
    const two = encryptForWorkspace(keyA, wsA, "oauth_token", SECRET);
    expect(one).not.toBe(two);
    expect(one.split(".")[1]).not.toBe(two.split(".")[1]);
    expect(Buffer.from(one.split(".")[1]!, "base64url")).toHaveLength(12);
    expect(Buffer.from(one.split(".")[2]!, "base64url")).toHaveLength(16);
  });

  it("refuses a change to any byte of the IV, tag or ciphertext with DecryptionFailed", () => {
    const sealed = encryptForWorkspace(keyA, wsA, "oauth_token", SECRET);
    let tried = 0;
    for (const part of [1, 2, 3] as const) {
      const n = Buffer.from(sealed.split(".")[part]!, "base64url").length;
      for (let i = 0; i < n; i++) {
        expect(() => decryptForWorkspace(keyA, wsA, "oauth_token", flip(sealed, part, i))).toThrow(DecryptionFailed);
        tried += 1;
      }
    }
    expect(tried).toBe(12 + 16 + Buffer.byteLength(SECRET));
  });

  it("refuses truncated, reordered or unknown-format values", () => {
    const sealed = encryptForWorkspace(keyA, wsA, "oauth_token", SECRET);
    const [v, iv, tag, ct] = sealed.split(".");
    for (const bad of [`v2.${iv}.${tag}.${ct}`, `${v}.${iv}.${tag}`, `${v}.${tag}.${iv}.${ct}`, `${v}.${iv}.${tag}.${ct!.slice(0, -2)}`, "", "garbage"]) {
      expect(() => decryptForWorkspace(keyA, wsA, "oauth_token", bad)).toThrow(DecryptionFailed);
    }
  });

  it("binds a value to its workspace: workspace A's ciphertext fails under B", () => {
    const sealed = encryptForWorkspace(keyA, wsA, "oauth_token", SECRET);
    expect(() => decryptForWorkspace(keyB, wsB, "oauth_token", sealed)).toThrow(DecryptionFailed);
    expect(() => decryptForWorkspace(keyA, wsB, "oauth_token", sealed)).toThrow(DecryptionFailed);
    expect(() => decryptForWorkspace(keyB, wsA, "oauth_token", sealed)).toThrow(DecryptionFailed);
  });

  it("binds a value to its purpose (column)", () => {
    const sealed = encryptForWorkspace(keyA, wsA, "oauth_token", SECRET);
    expect(() => decryptForWorkspace(keyA, wsA, "webhook_secret", sealed)).toThrow(DecryptionFailed);
  });

  it("wraps a distinct data key per workspace", () => {
    expect(newWrappedDataKey(wsA)).not.toBe(keyA);
    expect(() => encryptForWorkspace(flip(keyA, 3, 0), wsA, "oauth_token", SECRET)).toThrow(DecryptionFailed);
  });
});

describe("credential helpers", () => {
  it("makes 256-bit base64url tokens that do not repeat", () => {
    const tokens = new Set(Array.from({ length: 100 }, () => randomToken()));
    expect(tokens.size).toBe(100);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("hashes with SHA-256 hex and compares in constant time", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(safeEqual("same", "same")).toBe(true);
    expect(safeEqual("same", "diff")).toBe(false);
    expect(safeEqual("short", "longer")).toBe(false);
  });
});
