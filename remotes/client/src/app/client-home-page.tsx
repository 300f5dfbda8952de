/** The end user's one screen: the workspace's branded header, their connections and consents. */
import { BrandedHeader } from "@nhood/design-system";
import { useMarkPortalReady } from "@nhood/web-kit";
import { useClientBranding } from "../features/branding/api/use-client-branding";
import { ConnectionsSection } from "../features/connections/components/connections-section";
import { ConsentsSection } from "../features/consents/components/consents-section";
import { useConnections } from "../features/connections/api/use-connections";
import { useConsents } from "../features/consents/api/use-consents";

export function ClientHomePage() {
  const branding = useClientBranding();
  const connections = useConnections();
  const consents = useConsents();
  useMarkPortalReady(connections.status !== "pending" && consents.status !== "pending");
  const company = branding.data?.display_name ?? "This company";
  return (
    <>
      <BrandedHeader
        displayName={branding.isPending ? null : (branding.data?.display_name ?? "Your connections")}
        logoUrl={branding.data?.logo_url ?? null}
        subtitle="Your connected apps and privacy choices"
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <ConnectionsSection query={connections} company={company} />
        <ConsentsSection query={consents} company={company} />
      </div>
    </>
  );
}
