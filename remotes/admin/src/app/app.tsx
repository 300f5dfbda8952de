/** The admin portal (platform staff), exposed as `admin/App` and mounted by the shell at /admin/*. */
import { PortalFrame, SectionNav } from "@nhood/web-kit";
import { Navigate, Route, Routes } from "react-router-dom";
import { canEditPlans, canReadOperations, usePlatformRole } from "../lib/permissions";
import { WorkspacesPage } from "../features/workspaces/components/workspaces-page";
import { WorkspaceDetailPage } from "../features/workspaces/components/workspace-detail-page";
import { PlansPage } from "../features/plans/components/plans-page";
import { StaffPage } from "../features/staff/components/staff-page";
import { MetricsPage } from "../features/metrics/components/metrics-page";
import { AuditPage } from "../features/audit/components/audit-page";
import { OAuthAppsPage } from "../features/oauth-apps/components/oauth-apps-page";
import { RevenuePage } from "../features/revenue/components/revenue-page";

export default function App({ basename }: { basename: string }) {
  const role = usePlatformRole();
  const ops = canReadOperations(role);
  const revenue = canEditPlans(role);
  const sections = [
    { to: "workspaces", label: "Workspaces" },
    { to: "plans", label: "Plans" },
    ...(revenue ? [{ to: "revenue", label: "Revenue" }] : []),
    ...(ops
      ? [
          { to: "metrics", label: "Metrics" },
          { to: "audit", label: "Audit log" },
          { to: "staff", label: "Staff" },
          { to: "oauth-apps", label: "OAuth apps" },
        ]
      : []),
  ];
  return (
    <PortalFrame name="admin" basename={basename}>
      <SectionNav label="Admin sections" items={sections} />
      <Routes>
        <Route index element={<Navigate to={`${basename}/workspaces`} replace />} />
        <Route path="workspaces" element={<WorkspacesPage />} />
        <Route path="workspaces/:workspaceId" element={<WorkspaceDetailPage />} />
        <Route path="plans" element={<PlansPage />} />
        {revenue && <Route path="revenue" element={<RevenuePage />} />}
        {ops && <Route path="metrics" element={<MetricsPage />} />}
        {ops && <Route path="audit" element={<AuditPage />} />}
        {ops && <Route path="staff" element={<StaffPage />} />}
        {ops && <Route path="oauth-apps" element={<OAuthAppsPage />} />}
        <Route path="*" element={<Navigate to={basename} replace />} />
      </Routes>
    </PortalFrame>
  );
}
