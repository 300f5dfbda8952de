import { Button, toast } from "@nhood/design-system";
import { ProblemMessage, type WorkspaceDetail } from "@nhood/web-kit";
import { useState } from "react";
import { useWorkspaceAction } from "../api/use-workspaces";
import { ConfirmActionDialog } from "./confirm-action-dialog";

type Pending = "suspend" | "delete" | null;

/** Suspend (with confirmation), reactivate or delete (soft, with confirmation) a workspace. super_admin only. */
export function LifecycleActions({ workspace }: { workspace: WorkspaceDetail }) {
  const [asking, setAsking] = useState<Pending>(null);
  const action = useWorkspaceAction(workspace.id);
  const close = () => {
    setAsking(null);
    action.reset();
  };
  const usable = workspace.status === "active" && !workspace.deleted_at;
  return (
    <div className="flex flex-wrap gap-2">
      {usable && (
        <Button variant="danger" onClick={() => setAsking("suspend")}>
          Suspend
        </Button>
      )}
      {!usable && (
        <Button
          loading={action.isPending && action.variables?.kind === "reactivate"}
          onClick={() => action.mutate({ kind: "reactivate" }, { onSuccess: () => toast(`${workspace.name} is active again`, { tone: "success" }) })}
        >
          {workspace.deleted_at ? "Restore" : "Reactivate"}
        </Button>
      )}
      {!workspace.deleted_at && (
        <Button variant="danger-subtle" onClick={() => setAsking("delete")}>
          Delete
        </Button>
      )}
      <ConfirmActionDialog
        open={asking === "suspend"}
        title={`Suspend ${workspace.name}?`}
        description="Its API keys, webhooks and members' sign-ins are refused at once. Its data is kept, and you can reactivate it at any time."
        confirmLabel="Suspend workspace"
        withReason
        pending={action.isPending}
        error={asking === "suspend" ? action.error : null}
        onCancel={close}
        onConfirm={(reason) =>
          action.mutate(
            { kind: "suspend", reason },
            {
              onSuccess: () => {
                close();
                toast(`${workspace.name} is suspended`, { tone: "success" });
              },
            },
          )
        }
      />
      <ConfirmActionDialog
        open={asking === "delete"}
        title={`Delete ${workspace.name}?`}
        description="The workspace is refused at once and its data is purged after the grace period. Until then you can restore it."
        confirmLabel="Delete workspace"
        pending={action.isPending}
        error={asking === "delete" ? action.error : null}
        onCancel={close}
        onConfirm={() =>
          action.mutate(
            { kind: "delete" },
            {
              onSuccess: () => {
                close();
                toast(`${workspace.name} is deleted`, { tone: "success" });
              },
            },
          )
        }
      />
      {!asking && action.error ? (
        <div className="w-full">
          <ProblemMessage title="Couldn't reactivate the workspace" error={action.error} />
        </div>
      ) : null}
    </div>
  );
}
