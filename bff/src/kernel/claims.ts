/**
 * External identifiers that route inbound traffic to a workspace (a Meta page, a custom domain)
 * are claimed once across the platform (docs/decisions/034-external-identifier-claims.md). Each
 * owning context enforces it with a unique key on its own table; this module gives the refusal
 * one shape: 409 problem `external-id-claimed` naming the field, and an audit row
 * (`external_id.claim_refused`) written in its own transaction so it survives the refused
 * request. The answer never says which workspace holds the identifier.
 */
import type { Database } from "../db/client";
import { DomainError } from "../lib/errors";
import { logger } from "../lib/logger";
import { recordDomainEvent } from "./events";

/** What kind of external identifier a claim is for (the audit row's `kind`). */
export type ExternalIdKind = "meta_page" | "meta_form" | "custom_domain" | "sso_email_domain";

/** 409 `external-id-claimed`: another workspace has claimed `value` (field at `pointer`). */
export class ExternalIdClaimed extends DomainError {
  constructor(
    readonly kind: ExternalIdKind,
    readonly value: string,
    pointer: string,
    what: string,
  ) {
    super(409, "external-id-claimed", "Already claimed by another workspace", `Another workspace has already claimed this ${what}; it can be claimed once.`, [
      { pointer, detail: `already claimed by another workspace` },
    ]);
  }
}

/**
 * Runs `claim` (the transaction that claims); when it throws ExternalIdClaimed, appends
 * `external_id.claim_refused` `{ kind, value }` to the claiming workspace's log, then rethrows.
 */
export async function auditedClaim<T>(db: Database, workspaceId: string, claim: () => Promise<T>): Promise<T> {
  try {
    return await claim();
  } catch (err) {
    if (err instanceof ExternalIdClaimed) {
      await recordDomainEvent(db, { workspaceId, type: "external_id.claim_refused", payload: { kind: err.kind, value: err.value } }).catch((e: unknown) =>
        logger.error({ err: e }, "could not record a refused claim"),
      );
    }
    throw err;
  }
}
