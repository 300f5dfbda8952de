import { Button, Select, toast } from "@nhood/design-system";
import { ProblemMessage, type PlanDefinition, type WorkspaceDetail } from "@nhood/web-kit";
import { useState } from "react";
import { useWorkspaceAction } from "../api/use-workspaces";

/** Moves the workspace to another plan (super_admin, billing). */
export function PlanChanger({ workspace, plans }: { workspace: WorkspaceDetail; plans: PlanDefinition[] }) {
  const [plan, setPlan] = useState(workspace.plan);
  const action = useWorkspaceAction(workspace.id);
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="w-48">
        <Select label="Plan" value={plan} onChange={(e) => setPlan(e.target.value)} options={plans.map((p) => ({ value: p.id, label: p.name }))} />
      </div>
      <Button
        variant="secondary"
        disabled={plan === workspace.plan}
        loading={action.isPending}
        onClick={() => action.mutate({ kind: "plan", plan }, { onSuccess: () => toast(`${workspace.name} is now on ${plan}`, { tone: "success" }) })}
      >
        Change plan
      </Button>
      {action.error ? (
        <div className="w-full">
          <ProblemMessage title="Couldn't change the plan" error={action.error} />
        </div>
      ) : null}
    </div>
  );
}
