/** The admin portal (platform staff), exposed as `admin/App` and mounted by the shell at /admin/*. */
import { PortalFrame } from "@nhood/web-kit";
import { Navigate, Route, Routes } from "react-router-dom";
import { WorkspacesPage } from "../features/workspaces/components/workspaces-page";

export default function App({ basename }: { basename: string }) {
  return (
    <PortalFrame name="admin" basename={basename}>
      <Routes>
        <Route index element={<WorkspacesPage />} />
        <Route path="*" element={<Navigate to={basename} replace />} />
      </Routes>
    </PortalFrame>
  );
}
