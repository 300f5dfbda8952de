import { describe, expect, it } from "vitest";
import { keyBytes } from "./use-browser-push";

describe("keyBytes", () => {
  it("decodes an unpadded base64url VAPID key to its 65 bytes", () => {
    const raw = new Uint8Array(65).map((_, i) => (i * 37) % 256);
    raw[0] = 4;
    const b64url = btoa(String.fromCharCode(...raw))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    expect([...keyBytes(b64url)]).toEqual([...raw]);
  });
});
