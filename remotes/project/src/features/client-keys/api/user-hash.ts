/**
 * The client SDK's user signature, as the tenant's backend computes it (decision 027):
 * `userHash = hex(HMAC-SHA256(user_hash_secret, externalUserId))`, here with Web Crypto so the
 * portal can show a worked example. Answers 64 lowercase hex characters.
 */
export async function computeUserHash(secret: string, externalUserId: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(externalUserId)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}
