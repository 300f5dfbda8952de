/** The end user's one screen: the workspace's branded header, their apps, privacy choices and data rights. */
import { BrandedHeader } from "@nhood/design-system";
import { useMarkPortalReady } from "@nhood/web-kit";
import { useClientBranding } from "../features/branding/api/use-client-branding";
import { AppsSection } from "../features/apps/components/apps-section";
import { useAvailableProviders } from "../features/apps/api/use-apps";
import { PrivacySection } from "../features/privacy/components/privacy-section";
import { usePurposes } from "../features/privacy/api/use-purposes";
import { MyDataSection } from "../features/my-data/components/my-data-section";
import { AutomationsSection } from "../features/automations/components/automations-section";

export function ClientHomePage() {
  const branding = useClientBranding();
  const providers = useAvailableProviders();
  const purposes = usePurposes();
  useMarkPortalReady(providers.status !== "pending" && purposes.status !== "pending");
  const company = branding.data?.display_name ?? "This company";
  return (
    <>
      <BrandedHeader
        displayName={branding.isPending ? null : (branding.data?.display_name ?? "Your connections")}
        logoUrl={branding.data?.logo_url ?? null}
        subtitle="Your connected apps and privacy choices"
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <AppsSection company={company} />
        <div className="flex flex-col gap-6">
          <PrivacySection company={company} />
          <MyDataSection company={company} />
          <AutomationsSection company={company} />
        </div>
      </div>
    </>
  );
}
