/** The employee portal (sales staff), exposed as `employee/App` and mounted at /employee/*. */
import { PaymentBanner, PortalFrame, SectionNav } from "@nhood/web-kit";
import { Navigate, Route, Routes } from "react-router-dom";
import { LeadsPage } from "../features/leads/components/leads-page";
import { TeamPage } from "../features/team/components/team-page";
import { PipelinePage } from "../features/pipeline/components/pipeline-page";
import { LeadDetailPage } from "../features/lead-detail/components/lead-detail-page";
import { ClientsPage } from "../features/crm-clients/components/clients-page";
import { CataloguePage } from "../features/catalogue/components/catalogue-page";
import { LeadSourcesPage } from "../features/lead-sources/components/lead-sources-page";
import { PermissionsPage } from "../features/permissions/components/permissions-page";
import { useWorkspace } from "../lib/workspace";

const sections = [
  { to: "team", label: "My team" },
  { to: "pipeline", label: "Pipeline" },
  { to: "leads", label: "Leads" },
  { to: "clients", label: "CRM clients" },
  { to: "catalogue", label: "Catalogue" },
];
const adminSections = [
  { to: "lead-sources", label: "Lead sources" },
  { to: "permissions", label: "Permissions" },
];

export default function App({ basename }: { basename: string }) {
  const { isAdmin } = useWorkspace();
  return (
    <PortalFrame name="employee" basename={basename}>
      <SectionNav label="Employee sections" items={isAdmin ? [...sections, ...adminSections] : sections} />
      <PaymentBanner />
      <Routes>
        <Route index element={<Navigate to={`${basename}/team`} replace />} />
        <Route path="pipeline" element={<PipelinePage />} />
        <Route path="team" element={<TeamPage />} />
        <Route path="leads" element={<LeadsPage />} />
        <Route path="leads/:leadId" element={<LeadDetailPage />} />
        <Route path="clients" element={<ClientsPage />} />
        <Route path="catalogue" element={<CataloguePage />} />
        {isAdmin && <Route path="lead-sources" element={<LeadSourcesPage />} />}
        {isAdmin && <Route path="permissions" element={<PermissionsPage />} />}
        <Route path="*" element={<Navigate to={`${basename}/team`} replace />} />
      </Routes>
    </PortalFrame>
  );
}
