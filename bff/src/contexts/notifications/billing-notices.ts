/**
 * Payment notices (decision 032): tenancy's `billing.payment_failed`, `billing.suspended` and
 * `billing.payment_recovered` put a notice in the inbox of the workspace's owners and admins and
 * e-mail the billing contact (tenancy/billing-contact.ts), like the quota notices.
 */
import type { Tx } from "../../db/client";
import { enqueueJob } from "../../kernel/jobs";
import type { DomainEvent } from "../../kernel/events";
import { billingRecipients } from "../tenancy";
import { deliverNotifications } from "./inbox";
import { SEND_EMAIL_JOB } from "./jobs";
import { recipientsFor } from "./rules";

function noticeOf(event: DomainEvent): { title: string; message: string; critical: boolean } | null {
  const p = event.payload as { grace_until?: string };
  switch (event.type) {
    case "billing.payment_failed":
      return {
        title: "Your payment failed",
        message: `We could not collect the payment for your subscription. Update your payment method in Billing before ${p.grace_until}; after that the workspace is suspended until the invoice is paid.`,
        critical: true,
      };
    case "billing.suspended":
      return {
        title: "Your workspace is suspended for non-payment",
        message:
          "The grace period after a failed payment is over: API keys, webhooks and sign-ins are refused until the open invoice is paid. Paying it restores the workspace at once.",
        critical: true,
      };
    case "billing.payment_recovered":
      return { title: "Payment received", message: "Thank you: your payment went through and the workspace is in good standing again.", critical: false };
    default:
      return null;
  }
}

/** Inbox notice and e-mail for a billing event; other events pass. */
export async function noticeBilling(tx: Tx, event: DomainEvent): Promise<void> {
  const notice = event.workspaceId ? noticeOf(event) : null;
  if (!notice || !event.workspaceId) return;
  const admins = await recipientsFor(tx, event.workspaceId, ["owner", "admin"]);
  await deliverNotifications(
    tx,
    event.workspaceId,
    admins.map((userId) => ({ userId, title: notice.title, message: notice.message, priority: notice.critical ? ("critical" as const) : ("normal" as const) })),
    { count: false },
  );
  for (const to of await billingRecipients(tx, event.workspaceId)) {
    await enqueueJob(tx, SEND_EMAIL_JOB, { workspace_id: event.workspaceId, to_email: to, subject: notice.title, text: notice.message });
  }
}
