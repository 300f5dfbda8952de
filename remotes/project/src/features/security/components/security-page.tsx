/**
 * The workspace's Security screen (issue 18, decision 035): MFA enforcement, who uses MFA and the
 * reset of a member's factors, and single sign-on. Owners change it; admins may look.
 */
import { PageHeader } from "@nhood/design-system";
import { useActiveWorkspaceId, useMarkPortalReady, useSession } from "@nhood/web-kit";
import { useMfaPolicy } from "../api/use-workspace-security";
import { MemberMfaTable } from "./member-mfa-table";
import { MfaEnforcement } from "./mfa-enforcement";
import { SsoSettings } from "./sso-settings";

export function SecurityPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const role = useSession((s) => (s.me?.kind === "user" ? s.me.workspace?.role : undefined));
  const policy = useMfaPolicy(ws);
  useMarkPortalReady(policy.status !== "pending");
  const canEdit = role === "owner";
  return (
    <>
      <PageHeader title="Security" description="How the workspace's members sign in: second factors and single sign-on." />
      <div className="flex flex-col gap-6">
        <MfaEnforcement ws={ws} canEdit={canEdit} />
        <MemberMfaTable ws={ws} canEdit={canEdit} />
        <SsoSettings ws={ws} canEdit={canEdit} />
      </div>
    </>
  );
}
