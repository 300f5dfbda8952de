/** The employee portal (sales staff), exposed as `employee/App` and mounted at /employee/*. */
import { PortalFrame, SectionNav } from "@nhood/web-kit";
import { Navigate, Route, Routes } from "react-router-dom";
import { LeadsPage } from "../features/leads/components/leads-page";
import { TeamPage } from "../features/team/components/team-page";

const sections = [
  { to: "team", label: "My team" },
  { to: "leads", label: "Leads" },
];

export default function App({ basename }: { basename: string }) {
  return (
    <PortalFrame name="employee" basename={basename}>
      <SectionNav label="Employee sections" items={sections} />
      <Routes>
        <Route index element={<Navigate to={`${basename}/team`} replace />} />
        <Route path="team" element={<TeamPage />} />
        <Route path="leads" element={<LeadsPage />} />
        <Route path="*" element={<Navigate to={`${basename}/team`} replace />} />
      </Routes>
    </PortalFrame>
  );
}
