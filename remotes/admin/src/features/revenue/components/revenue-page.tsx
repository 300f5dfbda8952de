/** Platform revenue (seed 003 §19) for super admins and billing staff, from the Stripe webhooks' records. */
import { EmptyState, PageHeader, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import { AsyncContent, useMarkPortalReady } from "@nhood/web-kit";
import { useRevenue } from "../api/use-revenue";

const money = (cents: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-line bg-surface p-4">
      <dt className="text-sm text-fg-muted">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

export function RevenuePage() {
  const query = useRevenue();
  useMarkPortalReady(query.status !== "pending");
  const r = query.data;
  return (
    <>
      <PageHeader title="Revenue" description="Monthly recurring revenue and payments, from the subscriptions and invoices Stripe reported." />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load revenue"
        loadingLabel="Loading revenue…"
        isEmpty={!r?.enabled}
        empty={
          <EmptyState title="Billing is off">
            Online billing is not configured (set STRIPE_SECRET_KEY on the BFF); plans are assigned by platform staff, so there is no revenue to show.
          </EmptyState>
        }
      >
        {r && (
          <>
            <dl className="grid grid-cols-2 gap-4 md:grid-cols-5">
              <Figure label="MRR" value={money(r.mrr_cents)} />
              <Figure label="Active paid workspaces" value={String(r.active_paid_workspaces)} />
              <Figure label="Churned this month" value={String(r.churned_this_month)} />
              <Figure label="Failed payments this month" value={String(r.failed_payments_this_month)} />
              <Figure label="In grace period" value={String(r.in_grace)} />
            </dl>
            {r.by_plan.length === 0 ? (
              <p className="mt-6 text-sm text-fg-muted">No paying subscriptions yet.</p>
            ) : (
              <Table caption="MRR by plan" className="mt-6">
                <THead>
                  <Tr>
                    <Th>Plan</Th>
                    <Th className="text-right">Workspaces</Th>
                    <Th className="text-right">MRR</Th>
                  </Tr>
                </THead>
                <TBody>
                  {r.by_plan.map((p) => (
                    <Tr key={p.plan}>
                      <Td className="font-medium">{p.plan}</Td>
                      <Td className="text-right tabular-nums">{p.workspaces}</Td>
                      <Td className="text-right tabular-nums">{money(p.mrr_cents)}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </>
        )}
      </AsyncContent>
    </>
  );
}
