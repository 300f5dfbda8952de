/**
 * Secret material: random tokens, SHA-256 digests for stored credentials, and envelope
 * encryption (AES-256-GCM, NIST SP 800-38D) with a per-workspace data key wrapped by the
 * process master key.
 *
 * Ciphertext format (base64url): `v1.<iv 12 bytes>.<tag 16 bytes>.<ciphertext>`. The additional
 * authenticated data binds a value to its workspace and purpose, so a ciphertext copied to another
 * row or workspace fails to decrypt. Tampered ciphertext throws `DecryptionFailed`.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "../config";

export class DecryptionFailed extends Error {}

/** `bytes` random bytes as base64url (no padding). 32 bytes = 256 bits. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Hex SHA-256 of a high-entropy credential (API key, refresh token); not for passwords. */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Constant-time string comparison (false when lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

let masterKey: Buffer | null = null;

/**
 * The 32-byte master key: `MASTER_KEY` (base64) when set; otherwise read from, or generated
 * once into, `.data/master.key` (mode 0600). Throws when `MASTER_KEY` is not 32 bytes.
 */
export function loadMasterKey(): Buffer {
  if (masterKey) return masterKey;
  const fromEnv = process.env.MASTER_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, "base64");
    if (key.length !== 32) throw new Error("MASTER_KEY must be 32 bytes, base64-encoded");
    masterKey = key;
    return key;
  }
  const file = path.join(dataDir, "master.key");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  masterKey = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  return masterKey;
}

/** A purpose-specific 32-byte key derived from the master key with HKDF-SHA256 (RFC 5869). */
export function deriveKey(purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", loadMasterKey(), Buffer.alloc(0), `neighbourhood:${purpose}`, 32));
}

function seal(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [v, iv, tag, ct] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || ct === undefined) throw new DecryptionFailed("unknown ciphertext format");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]);
  } catch {
    throw new DecryptionFailed("ciphertext was tampered with or belongs elsewhere");
  }
}

/** A fresh data key for a new workspace, wrapped by the master key (store the result). */
export function newWrappedDataKey(workspaceId: string): string {
  return seal(loadMasterKey(), randomBytes(32), `data-key:${workspaceId}`);
}

/** Encrypts `plaintext` under the workspace's wrapped data key; `purpose` names the column. */
export function encryptForWorkspace(wrappedKey: string, workspaceId: string, purpose: string, plaintext: string): string {
  const key = open(loadMasterKey(), wrappedKey, `data-key:${workspaceId}`);
  return seal(key, Buffer.from(plaintext, "utf8"), `${workspaceId}:${purpose}`);
}

/** Decrypts a value sealed by `encryptForWorkspace`; throws `DecryptionFailed` when tampered. */
export function decryptForWorkspace(wrappedKey: string, workspaceId: string, purpose: string, sealed: string): string {
  const key = open(loadMasterKey(), wrappedKey, `data-key:${workspaceId}`);
  return open(key, sealed, `${workspaceId}:${purpose}`).toString("utf8");
}

/**
 * Encrypts a platform-held secret (no workspace: e.g. a platform OAuth app's client secret)
 * under a key derived from the master key (HKDF, purpose `platform-secrets`); `purpose` names the
 * column and is bound as additional data, so a value copied to another purpose fails to decrypt.
 */
export function encryptForPlatform(purpose: string, plaintext: string): string {
  return seal(Buffer.from(deriveKey("platform-secrets")), Buffer.from(plaintext, "utf8"), `platform:${purpose}`);
}

/** Decrypts a value sealed by `encryptForPlatform`; throws `DecryptionFailed` when tampered or moved. */
export function decryptForPlatform(purpose: string, sealed: string): string {
  return open(Buffer.from(deriveKey("platform-secrets")), sealed, `platform:${purpose}`).toString("utf8");
}
