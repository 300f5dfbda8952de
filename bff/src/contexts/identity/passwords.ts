/**
 * Password hashing with argon2id at the OWASP Password Storage Cheat Sheet's first
 * recommended setting: m = 19 MiB (19456 KiB), t = 2, p = 1. Hashes are PHC strings.
 */
import { hash, verify } from "@node-rs/argon2";

const OWASP_ARGON2ID = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OWASP_ARGON2ID);
}

/** False for a wrong password or a malformed hash; never throws on user input. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/** A valid hash to verify against when the account does not exist, so timing does not tell. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword("decoy-password-never-matches");
  return decoy;
}
