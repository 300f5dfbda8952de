/** Dashboard: usage against the plan's quotas, charts of events, notifications and delivery per day, and the usage history. */
import { Card, PageHeader, Skeleton, toast } from "@nhood/design-system";
import { AsyncContent, formatDate, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import { lazy, Suspense } from "react";
import { useNotificationStats, useUsage } from "../api/use-usage";
import { useBillingContact, useUpdateBillingContact } from "../api/use-billing-contact";
import { BillingContactForm } from "./billing-contact-form";
import { QuotaMeter } from "./quota-meter";
import { UsageHistorySection } from "./usage-history";

const UsageCharts = lazy(() => import("./usage-charts"));

export function UsagePage() {
  const ws = useActiveWorkspaceId() ?? "";
  const usage = useUsage(ws);
  const stats = useNotificationStats(ws);
  useMarkPortalReady(usage.status !== "pending");
  const u = usage.data;
  return (
    <>
      <PageHeader title="Dashboard" description={u ? `${u.plan.name} plan · usage resets ${formatDate(u.reset_at)}` : "Usage against your plan's quotas."} />
      <AsyncContent
        status={usage.status}
        error={usage.error}
        onRetry={() => void usage.refetch()}
        errorTitle="Couldn't load usage"
        loadingLabel="Loading usage…"
        isEmpty={false}
        empty={null}
      >
        {u && (
          <>
            <div className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              <QuotaMeter label="Events this month" used={u.month.events} limit={u.plan.events_per_month} />
              <QuotaMeter label="Notifications this month" used={u.month.notifications} limit={u.plan.notifications_per_month} />
              <QuotaMeter label="Members" used={u.counts.users} limit={u.plan.users} />
              <QuotaMeter label="Rules" used={u.counts.rules} limit={u.plan.rules} />
              <QuotaMeter label="Sounds" used={u.counts.sounds} limit={u.plan.sounds} />
            </div>
            <Suspense fallback={<Skeleton className="h-64" />}>
              <UsageCharts usage={u} stats={stats.data} />
            </Suspense>
            <UsageHistorySection ws={ws} />
            <div className="mt-6">
              <BillingContactCard ws={ws} />
            </div>
          </>
        )}
      </AsyncContent>
    </>
  );
}

/** Who gets quota warnings by e-mail, with the form to change it. */
function BillingContactCard({ ws }: { ws: string }) {
  const contact = useBillingContact(ws);
  const save = useUpdateBillingContact(ws);
  return (
    <Card title="Billing contact" description="Where quota warnings (80 %) and used-up notices are e-mailed.">
      <AsyncContent
        status={contact.status}
        error={contact.error}
        onRetry={() => void contact.refetch()}
        errorTitle="Couldn't load the billing contact"
        loadingLabel="Loading the billing contact…"
        isEmpty={false}
        empty={null}
      >
        {contact.data && (
          <BillingContactForm
            contact={contact.data}
            saving={save.isPending}
            error={save.error}
            onSave={(billing_email) =>
              save.mutate(
                { billing_email },
                { onSuccess: () => toast(billing_email ? "Billing contact saved" : "Quota warnings go to the owners again", { tone: "success" }) },
              )
            }
          />
        )}
      </AsyncContent>
    </Card>
  );
}
