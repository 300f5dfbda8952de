/** The workspace's white-label portal, exposed as `project/App` and mounted at /project/*. */
import { BrandScope } from "@nhood/design-system";
import { PaymentBanner, PortalFrame, SectionNav, useActiveWorkspaceId, useSession } from "@nhood/web-kit";
import type { ReactNode } from "react";
import { Navigate, Route, Routes } from "react-router-dom";
import { useWorkspaceBranding } from "../features/branding/api/use-workspace-branding";
import { WorkspaceHeader } from "../features/branding/components/workspace-header";
import { BrandingPage } from "../features/branding/components/branding-page";
import { NotificationsPage } from "../features/notifications/components/notifications-page";
import { RulesPage } from "../features/rules/components/rules-page";
import { SoundsPage } from "../features/sounds/components/sounds-page";
import { UsagePage } from "../features/usage/components/usage-page";
import { MembersPage } from "../features/members/components/members-page";
import { WebhookLogPage } from "../features/webhooks/components/webhook-log-page";
import { ApiKeysPage } from "../features/api-keys/components/api-keys-page";
import { EmailTemplatesPage } from "../features/email-templates/components/email-templates-page";
import { AuditLogPage } from "../features/audit-log/components/audit-log-page";
import { BillingPage } from "../features/billing/components/billing-page";
import { ClientKeysPage } from "../features/client-keys/components/client-keys-page";
import { PushCredentialsPage } from "../features/push-credentials/components/push-credentials-page";
import { SecurityPage } from "../features/security/components/security-page";

/** `roles`: shown only to members holding one (the BFF answers 403 to the others anyway). */
const sections: Array<{ to: string; label: string; roles?: string[] }> = [
  { to: "inbox", label: "Inbox" },
  { to: "dashboard", label: "Dashboard" },
  { to: "rules", label: "Rules" },
  { to: "members", label: "Users and roles" },
  { to: "sounds", label: "Sounds" },
  { to: "webhooks", label: "Webhook log" },
  { to: "api-keys", label: "API keys", roles: ["owner", "admin", "developer"] },
  { to: "client-sdk", label: "Client SDK keys", roles: ["owner", "admin", "developer"] },
  { to: "mobile-push", label: "Mobile push", roles: ["owner", "admin", "developer"] },
  { to: "branding", label: "Branding" },
  { to: "email-templates", label: "E-mail templates" },
  { to: "billing", label: "Billing", roles: ["owner", "admin"] },
  { to: "audit", label: "Audit log", roles: ["owner", "admin"] },
  { to: "security", label: "Security", roles: ["owner", "admin"] },
];

export default function App({ basename }: { basename: string }) {
  const role = useSession((s) => (s.me?.kind === "user" ? s.me.workspace?.role : undefined));
  const visible = sections.filter((s) => !s.roles || (role !== undefined && s.roles.includes(role)));
  return (
    <PortalFrame name="project" basename={basename}>
      <Branded>
        <WorkspaceHeader />
        <PaymentBanner billingHref={`${basename}/billing`} />
        <SectionNav label="Workspace portal sections" items={visible} />
        <Routes>
          <Route index element={<Navigate to={`${basename}/inbox`} replace />} />
          <Route path="inbox" element={<NotificationsPage />} />
          <Route path="dashboard" element={<UsagePage />} />
          <Route path="rules" element={<RulesPage />} />
          <Route path="members" element={<MembersPage />} />
          <Route path="sounds" element={<SoundsPage />} />
          <Route path="webhooks" element={<WebhookLogPage />} />
          <Route path="api-keys" element={<ApiKeysPage />} />
          <Route path="client-sdk" element={<ClientKeysPage />} />
          <Route path="mobile-push" element={<PushCredentialsPage />} />
          <Route path="branding" element={<BrandingPage />} />
          <Route path="email-templates" element={<EmailTemplatesPage />} />
          <Route path="audit" element={<AuditLogPage />} />
          <Route path="billing" element={<BillingPage />} />
          <Route path="security" element={<SecurityPage />} />
          <Route path="*" element={<Navigate to={basename} replace />} />
        </Routes>
      </Branded>
    </PortalFrame>
  );
}

function Branded({ children }: { children: ReactNode }) {
  const branding = useWorkspaceBranding(useActiveWorkspaceId() ?? "");
  return <BrandScope primaryColor={branding.data?.primary_color}>{children}</BrandScope>;
}
