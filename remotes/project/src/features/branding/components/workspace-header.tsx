import { BrandedHeader } from "@nhood/design-system";
import { ProblemMessage, useActiveWorkspaceId, useSession } from "@nhood/web-kit";
import { useWorkspaceBranding } from "../api/use-workspace-branding";

/** The workspace's logo and name on its brand colour; falls back to the workspace name. */
export function WorkspaceHeader() {
  const ws = useActiveWorkspaceId() ?? "";
  const fallbackName = useSession((s) => s.me?.workspace?.name ?? "Your workspace");
  const branding = useWorkspaceBranding(ws);
  return (
    <>
      <BrandedHeader
        displayName={branding.isPending ? null : (branding.data?.display_name ?? fallbackName)}
        logoUrl={branding.data?.logo_url ?? null}
        subtitle="Workspace portal"
      />
      {branding.isError && (
        <div className="-mt-4 mb-6">
          <ProblemMessage title="Couldn't load your branding" error={branding.error} onRetry={() => void branding.refetch()} />
        </div>
      )}
    </>
  );
}
