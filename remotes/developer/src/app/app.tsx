/** The developer portal, exposed as `developer/App` and mounted by the shell at /developer/*. */
import { PortalFrame, SectionNav } from "@nhood/web-kit";
import { Navigate, Route, Routes } from "react-router-dom";
import { ApiKeysPage } from "../features/api-keys/components/api-keys-page";
import { EndUsersPage } from "../features/end-users/components/end-users-page";
import { WorkflowsPage } from "../features/workflows/components/workflows-page";

const sections = [
  { to: "api-keys", label: "API keys" },
  { to: "workflows", label: "Workflows" },
  { to: "end-users", label: "End users" },
];

export default function App({ basename }: { basename: string }) {
  return (
    <PortalFrame name="developer" basename={basename}>
      <SectionNav label="Developer sections" items={sections} />
      <Routes>
        <Route index element={<Navigate to={`${basename}/api-keys`} replace />} />
        <Route path="api-keys" element={<ApiKeysPage />} />
        <Route path="workflows" element={<WorkflowsPage />} />
        <Route path="end-users" element={<EndUsersPage />} />
        <Route path="*" element={<Navigate to={`${basename}/api-keys`} replace />} />
      </Routes>
    </PortalFrame>
  );
}
