/** The workspace's white-label portal, exposed as `project/App` and mounted at /project/*. */
import { BrandScope } from "@nhood/design-system";
import { PortalFrame, useActiveWorkspaceId } from "@nhood/web-kit";
import type { ReactNode } from "react";
import { Navigate, Route, Routes } from "react-router-dom";
import { useWorkspaceBranding } from "../features/branding/api/use-workspace-branding";
import { WorkspaceHeader } from "../features/branding/components/workspace-header";
import { NotificationsPage } from "../features/notifications/components/notifications-page";

export default function App({ basename }: { basename: string }) {
  return (
    <PortalFrame name="project" basename={basename}>
      <Branded>
        <WorkspaceHeader />
        <Routes>
          <Route index element={<NotificationsPage />} />
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
