/** The plan tiers and their quotas; super_admin and billing edit them. */
import { Button, EmptyState, PageHeader, Table, TBody, Td, Th, THead, Tr, toast } from "@nhood/design-system";
import { AsyncContent, useMarkPortalReady, type PlanDefinition } from "@nhood/web-kit";
import { useState } from "react";
import { canEditPlans, usePlatformRole } from "../../../lib/permissions";
import { usePlans } from "../../../hooks/use-plans";
import { useUpdatePlan } from "../api/use-update-plan";
import { PlanDialog } from "./plan-dialog";
import { QUOTA_FIELDS, formatPrice, formatQuota } from "./plan-fields";

export function PlansPage() {
  const query = usePlans();
  const update = useUpdatePlan();
  const role = usePlatformRole();
  const [editing, setEditing] = useState<PlanDefinition | null>(null);
  useMarkPortalReady(query.status !== "pending");
  const close = () => {
    setEditing(null);
    update.reset();
  };
  const plans = query.data?.items ?? [];
  return (
    <>
      <PageHeader title="Plans" description="Quotas per tier. Changes apply at once to every workspace on the plan." />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load plans"
        loadingLabel="Loading plans…"
        isEmpty={plans.length === 0}
        empty={<EmptyState title="No plans">Plans are seeded by the database migrations; run the BFF's migrations.</EmptyState>}
      >
        <Table caption="Plans and quotas">
          <THead>
            <Tr>
              <Th>Plan</Th>
              <Th>Price</Th>
              {QUOTA_FIELDS.map((f) => (
                <Th key={f.key} className="text-right">
                  {f.label}
                </Th>
              ))}
              <Th className="text-right">Workspaces</Th>
              {canEditPlans(role) && (
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              )}
            </Tr>
          </THead>
          <TBody>
            {plans.map((p) => (
              <Tr key={p.id}>
                <Td className="font-medium">{p.name}</Td>
                <Td className="whitespace-nowrap">{formatPrice(p.price_cents)}</Td>
                {QUOTA_FIELDS.map((f) => (
                  <Td key={f.key} className="text-right tabular-nums">
                    {formatQuota(p[f.key])}
                  </Td>
                ))}
                <Td className="text-right tabular-nums">{p.workspace_count}</Td>
                {canEditPlans(role) && (
                  <Td>
                    <Button size="sm" variant="secondary" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
                      Edit
                    </Button>
                  </Td>
                )}
              </Tr>
            ))}
          </TBody>
        </Table>
      </AsyncContent>
      {editing && (
        <PlanDialog
          plan={editing}
          pending={update.isPending}
          error={update.error}
          onCancel={close}
          onSave={(changes) => {
            if (Object.keys(changes).length === 0) return close();
            update.mutate(
              { id: editing.id, changes },
              {
                onSuccess: () => {
                  toast(`${editing.name} plan saved`, { tone: "success" });
                  close();
                },
              },
            );
          }}
        />
      )}
    </>
  );
}
