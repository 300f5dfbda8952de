/** The owner's switch: every member must use a second factor (members without one enrol at their next sign-in). */
import { Badge, Button, Card } from "@nhood/design-system";
import { ProblemMessage } from "@nhood/web-kit";
import { useMfaPolicy, useSetMfaRequired } from "../api/use-workspace-security";

export function MfaEnforcement({ ws, canEdit }: { ws: string; canEdit: boolean }) {
  const policy = useMfaPolicy(ws);
  const set = useSetMfaRequired(ws);
  const required = policy.data?.mfa_required ?? false;
  return (
    <Card
      title="Two-factor authentication"
      description="With it required, a member without a second factor must add an authenticator app at their next sign-in. Sessions already open run to their end."
      actions={policy.data ? <Badge tone={required ? "success" : "neutral"}>{required ? "Required for every member" : "Optional"}</Badge> : undefined}
    >
      {policy.error ? <ProblemMessage error={policy.error} title="Couldn't load the policy" onRetry={() => void policy.refetch()} /> : null}
      {set.error ? <ProblemMessage error={set.error} title="Couldn't change the policy" /> : null}
      {policy.data ? (
        canEdit ? (
          <Button variant={required ? "secondary" : "primary"} loading={set.isPending} onClick={() => set.mutate(!required)}>
            {required ? "Stop requiring MFA" : "Require MFA for every member"}
          </Button>
        ) : (
          <p className="text-sm text-fg-muted">Only the workspace's owner changes this.</p>
        )
      ) : null}
    </Card>
  );
}
