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

/** The master keys in force: `current` seals; `previous` (during a rotation, decision 030) only opens. */
interface MasterKeys {
  current: Buffer;
  previous: Buffer | null;
}
let cached: { env: string; keys: MasterKeys } | null = null;

function parseKey(value: string, name: string): Buffer {
  const key = Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded`);
  return key;
}

function keyFromFile(): Buffer {
  const file = path.join(dataDir, "master.key");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  return Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
}

/**
 * The master keys: `MASTER_KEY` (base64, 32 bytes) when set, otherwise read from, or generated
 * once into, `.data/master.key` (mode 0600); plus `MASTER_KEY_PREVIOUS` while a master key
 * rotation is under way (values sealed under it still open; nothing new is sealed with it).
 * Re-read when those variables change. Throws when a key is not 32 bytes.
 */
function masterKeys(): MasterKeys {
  const env = `${process.env.MASTER_KEY ?? ""}|${process.env.MASTER_KEY_PREVIOUS ?? ""}`;
  if (cached?.env === env) return cached.keys;
  const current = process.env.MASTER_KEY ? parseKey(process.env.MASTER_KEY, "MASTER_KEY") : keyFromFile();
  const previous = process.env.MASTER_KEY_PREVIOUS ? parseKey(process.env.MASTER_KEY_PREVIOUS, "MASTER_KEY_PREVIOUS") : null;
  cached = { env, keys: { current, previous: previous && !previous.equals(current) ? previous : null } };
  return cached.keys;
}

/** The 32-byte master key that seals (see `masterKeys`). */
export function loadMasterKey(): Buffer {
  return masterKeys().current;
}

/** True when a previous master key is configured (`MASTER_KEY_PREVIOUS`): a master key rotation may run. */
export function hasPreviousMasterKey(): boolean {
  return masterKeys().previous !== null;
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

const dataKeyAad = (workspaceId: string) => `data-key:${workspaceId}`;

/** Opens `sealed` with the first of `keys` that fits; DecryptionFailed when none does. */
function openWithAny(keys: (Buffer | null)[], sealed: string, aad: string): Buffer {
  let failure: unknown = null;
  for (const key of keys) {
    if (!key) continue;
    try {
      return open(key, sealed, aad);
    } catch (e) {
      failure = e;
    }
  }
  throw failure ?? new DecryptionFailed("no key to open with");
}

/** The workspace's plain data key, unwrapped with the current master key or, during a rotation, the previous one. */
function unwrapDataKey(wrappedKey: string, workspaceId: string): Buffer {
  const { current, previous } = masterKeys();
  return openWithAny([current, previous], wrappedKey, dataKeyAad(workspaceId));
}

/** A fresh data key for a new workspace, wrapped by the master key (store the result). */
export function newWrappedDataKey(workspaceId: string): string {
  return seal(loadMasterKey(), randomBytes(32), dataKeyAad(workspaceId));
}

/**
 * Master key rotation, one workspace (decision 030): its data key wrapped by the current master
 * key, or null when it already is (so a rotation run again skips it). Throws DecryptionFailed when
 * neither the current nor the previous master key opens it.
 */
export function rewrapDataKey(wrappedKey: string, workspaceId: string): string | null {
  const { current, previous } = masterKeys();
  try {
    open(current, wrappedKey, dataKeyAad(workspaceId));
    return null;
  } catch {
    return seal(current, openWithAny([previous], wrappedKey, dataKeyAad(workspaceId)), dataKeyAad(workspaceId));
  }
}

/**
 * Data key rotation of one workspace (decision 030): `sealed` (a value sealed under the old data
 * key for `purpose`) sealed again under the new one. Throws DecryptionFailed when the old key does
 * not open it.
 */
export function resealUnderNewDataKey(oldWrapped: string, newWrapped: string, workspaceId: string, purpose: string, sealed: string): string {
  const plain = open(unwrapDataKey(oldWrapped, workspaceId), sealed, `${workspaceId}:${purpose}`);
  return seal(unwrapDataKey(newWrapped, workspaceId), plain, `${workspaceId}:${purpose}`);
}

/** Encrypts `plaintext` under the workspace's wrapped data key; `purpose` names the column. */
export function encryptForWorkspace(wrappedKey: string, workspaceId: string, purpose: string, plaintext: string): string {
  return seal(unwrapDataKey(wrappedKey, workspaceId), Buffer.from(plaintext, "utf8"), `${workspaceId}:${purpose}`);
}

/** Decrypts a value sealed by `encryptForWorkspace`; throws `DecryptionFailed` when tampered. */
export function decryptForWorkspace(wrappedKey: string, workspaceId: string, purpose: string, sealed: string): string {
  return open(unwrapDataKey(wrappedKey, workspaceId), sealed, `${workspaceId}:${purpose}`).toString("utf8");
}

const platformKey = (master: Buffer) => Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), "neighbourhood:platform-secrets", 32));

/**
 * Encrypts a platform-held secret (no workspace: e.g. a platform OAuth app's client secret)
 * under a key derived from the master key (HKDF, purpose `platform-secrets`); `purpose` names the
 * column and is bound as additional data, so a value copied to another purpose fails to decrypt.
 */
export function encryptForPlatform(purpose: string, plaintext: string): string {
  return seal(platformKey(loadMasterKey()), Buffer.from(plaintext, "utf8"), `platform:${purpose}`);
}

/** Decrypts a value sealed by `encryptForPlatform` (under the current master key or, during a rotation, the previous); throws `DecryptionFailed` when tampered or moved. */
export function decryptForPlatform(purpose: string, sealed: string): string {
  const { current, previous } = masterKeys();
  return openWithAny([platformKey(current), previous && platformKey(previous)], sealed, `platform:${purpose}`).toString("utf8");
}

/**
 * Master key rotation of a platform-held secret: `sealed` sealed again under the current master
 * key's platform key, or null when it already is. Throws DecryptionFailed when neither key opens it.
 */
export function resealForPlatform(purpose: string, sealed: string): string | null {
  const { current, previous } = masterKeys();
  try {
    open(platformKey(current), sealed, `platform:${purpose}`);
    return null;
  } catch {
    const plain = openWithAny([previous && platformKey(previous)], sealed, `platform:${purpose}`);
    return seal(platformKey(current), plain, `platform:${purpose}`);
  }
}
