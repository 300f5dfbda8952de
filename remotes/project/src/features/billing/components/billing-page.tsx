/**
 * Billing: the plan and subscription, the next invoice, the payment method and past invoices
 * (from Stripe), upgrading through Stripe Checkout and the Stripe customer portal. With billing
 * off on the installation, it says that plans are managed by platform staff.
 */
import { Badge, Button, Card, EmptyState, PageHeader, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import { AsyncContent, formatDate, ProblemMessage, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import type { BillingSummary } from "@nhood/contracts/billing";
import { useSearchParams } from "react-router-dom";
import { useBilling, useOpenStripe } from "../api/use-billing";

const money = (cents: number, currency: string) => new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
const LIVE = ["active", "trialing", "past_due", "unpaid"];

export function BillingPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const billing = useBilling(ws);
  const open = useOpenStripe(ws);
  const [params] = useSearchParams();
  useMarkPortalReady(billing.status !== "pending");
  const b = billing.data;
  return (
    <>
      <PageHeader title="Billing" description={b ? `${b.plan} plan` : "Your plan, invoices and payment method."} />
      {params.get("checkout") === "success" && (
        <p role="status" className="mb-4 rounded-lg bg-success-soft px-4 py-3 text-sm text-success">
          Thank you — your payment went through. The plan changes as soon as Stripe confirms it.
        </p>
      )}
      {open.error && <ProblemMessage error={open.error} />}
      <AsyncContent
        status={billing.status}
        error={billing.error}
        onRetry={() => void billing.refetch()}
        errorTitle="Couldn't load billing"
        loadingLabel="Loading billing…"
        isEmpty={b?.enabled === false}
        empty={
          <EmptyState title="Online billing is off">
            Your workspace is on the {b?.plan} plan. Plans are changed by the platform's staff on this installation; contact them to change yours.
          </EmptyState>
        }
      >
        {b && <BillingDetails b={b} busy={open.isPending} onCheckout={(plan) => open.mutate(plan)} onPortal={() => open.mutate(undefined)} />}
      </AsyncContent>
    </>
  );
}

function BillingDetails({ b, busy, onCheckout, onPortal }: { b: BillingSummary; busy: boolean; onCheckout: (plan: string) => void; onPortal: () => void }) {
  const live = b.subscription_status !== null && LIVE.includes(b.subscription_status);
  return (
    <div className="grid gap-6">
      <Card
        title="Plan"
        description={live && b.current_period_end ? `Renews ${formatDate(b.current_period_end)}` : "Choose a paid plan to subscribe with Stripe."}
        actions={
          live ? (
            <Button variant="secondary" loading={busy} onClick={onPortal}>
              Manage billing in Stripe
            </Button>
          ) : undefined
        }
      >
        <p className="flex items-center gap-2 text-sm">
          <span className="font-medium">{b.plan}</span>
          {b.subscription_status && <Badge tone={b.payment_state === "ok" ? "success" : "danger"}>{b.subscription_status.replace("_", " ")}</Badge>}
          {b.payment_state === "grace" && b.grace_until && <Badge tone="danger">payment failed · suspension {formatDate(b.grace_until)}</Badge>}
        </p>
        {!live && (
          <ul className="mt-4 grid gap-3 sm:grid-cols-2">
            {b.paid_plans.map((p) => (
              <li key={p.id} className="flex items-center justify-between rounded-lg border border-line p-3">
                <span>
                  <span className="font-medium">{p.name}</span>
                  <span className="block text-sm text-fg-muted">
                    {p.price_cents === null ? "custom price" : `${money(p.price_cents, "usd")} / month`}
                    {p.overage ? " · overage billed" : ""}
                  </span>
                </span>
                <Button disabled={p.id === b.plan} loading={busy} onClick={() => onCheckout(p.id)}>
                  {p.id === b.plan ? "Current plan" : `Upgrade to ${p.name}`}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <div className="grid gap-6 sm:grid-cols-2">
        <Card title="Next invoice" description="What Stripe will charge next.">
          <p className="text-sm">
            {b.next_invoice
              ? `${money(b.next_invoice.amount_due, b.next_invoice.currency)}${b.next_invoice.date ? ` on ${formatDate(b.next_invoice.date)}` : ""}`
              : "No upcoming invoice."}
          </p>
        </Card>
        <Card title="Payment method" description="Changed in the Stripe customer portal.">
          <p className="text-sm">
            {b.payment_method
              ? `${b.payment_method.brand} ending in ${b.payment_method.last4}, expires ${String(b.payment_method.exp_month).padStart(2, "0")}/${b.payment_method.exp_year}`
              : "No payment method on file."}
          </p>
        </Card>
      </div>
      <Card title="Invoices" description="Past invoices from Stripe.">
        {b.invoices.length === 0 ? (
          <p className="text-sm text-fg-muted">No invoices yet.</p>
        ) : (
          <Table caption="Past invoices">
            <THead>
              <Tr>
                <Th>Date</Th>
                <Th>Number</Th>
                <Th>Status</Th>
                <Th className="text-right">Amount</Th>
                <Th>
                  <span className="sr-only">Link</span>
                </Th>
              </Tr>
            </THead>
            <TBody>
              {b.invoices.map((i) => (
                <Tr key={i.id}>
                  <Td>{formatDate(i.created)}</Td>
                  <Td>{i.number ?? "—"}</Td>
                  <Td>
                    <Badge tone={i.status === "paid" ? "success" : i.status === "open" ? "warning" : "neutral"}>{i.status ?? "—"}</Badge>
                  </Td>
                  <Td className="text-right tabular-nums">{money(i.status === "paid" ? i.amount_paid : i.amount_due, i.currency)}</Td>
                  <Td>
                    {i.hosted_invoice_url && (
                      <a href={i.hosted_invoice_url} className="text-sm underline" target="_blank" rel="noreferrer">
                        View
                      </a>
                    )}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
