/**
 * Personal data held across contexts, for an end user's data rights (GDPR Art. 15/20 export,
 * Art. 17 erasure). Integrations owns end users and runs export and erasure (integrations/gdpr.ts);
 * each context that stores data about an end user registers a holder here when it loads, so
 * integrations reaches their data without importing them (workflows' executions and
 * notifications' texts sit above or beside integrations). Holders run in the caller's
 * transaction, scoped to the workspace.
 */
import type { Tx } from "../db/client";

/** Who the data is about: our id and the workspace's own id for them, plus identifiers to redact. */
export interface DataSubject {
  workspaceId: string;
  endUserId: string;
  externalUserId: string;
  /** the values to replace in free text and JSON (external id, e-mail, name) */
  identifiers: string[];
}

export interface PersonalDataHolder {
  /** stable name, e.g. `workflows.executions` */
  name: string;
  /** fields this holder adds to the export document (e.g. `{ executions: [...] }`) */
  export?(tx: Tx, subject: DataSubject): Promise<Record<string, unknown>>;
  /** removes or pseudonymises the subject's data; safe to run twice */
  erase?(tx: Tx, subject: DataSubject): Promise<void>;
}

const holders = new Map<string, PersonalDataHolder>();

/** Registers a holder under its name (a second registration of the name replaces the first). */
export function registerPersonalDataHolder(holder: PersonalDataHolder): void {
  holders.set(holder.name, holder);
}

/** The export fields of every holder, merged in registration order. */
export async function exportPersonalData(tx: Tx, subject: DataSubject): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const h of holders.values()) if (h.export) Object.assign(out, await h.export(tx, subject));
  return out;
}

/** Runs every holder's erasure in `tx`, in registration order. */
export async function erasePersonalData(tx: Tx, subject: DataSubject): Promise<void> {
  for (const h of holders.values()) if (h.erase) await h.erase(tx, subject);
}
