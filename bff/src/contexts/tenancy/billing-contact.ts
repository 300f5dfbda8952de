/**
 * A workspace's billing contact (seed 003 `Project.billingEmail`, §9.2 "e-mail notifications to
 * billing contact"): the address quota warnings and quota-exceeded notices are e-mailed to. When
 * none is set they go to the workspace's owners. Changing it appends
 * `workspace.billing_contact_changed` (so an audit row).
 */
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { NotFound } from "../../lib/errors";
import { appendDomainEvent } from "../../kernel/events";
import { ownerEmails } from "../identity";
import type { BillingContact } from "@nhood/contracts";
import { workspaces } from "./schema";

/** The addresses billing e-mail goes to now: the billing e-mail, or else every owner's (sorted). */
export async function billingRecipients(tx: Tx, workspaceId: string): Promise<string[]> {
  return (await getBillingContact(tx, workspaceId)).recipients;
}

/** The billing e-mail (null when unset) and who gets billing e-mail now; NotFound for an unknown workspace. */
export async function getBillingContact(tx: Tx, workspaceId: string): Promise<BillingContact> {
  const [ws] = await tx.select({ billingEmail: workspaces.billingEmail }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!ws) throw new NotFound("workspace");
  if (ws.billingEmail) return { billing_email: ws.billingEmail, recipients: [ws.billingEmail] };
  return { billing_email: null, recipients: await ownerEmails(tx, workspaceId) };
}

/** Sets (or, with null, clears) the billing e-mail; `email` is already validated and lower-cased. */
export async function updateBillingContact(tx: Tx, workspaceId: string, email: string | null): Promise<BillingContact> {
  const [updated] = await tx.update(workspaces).set({ billingEmail: email }).where(eq(workspaces.id, workspaceId)).returning({ id: workspaces.id });
  if (!updated) throw new NotFound("workspace");
  await appendDomainEvent(tx, { workspaceId, type: "workspace.billing_contact_changed", subjectId: workspaceId, payload: { billing_email: email } });
  return getBillingContact(tx, workspaceId);
}
