/** The client portal (end users in a connect session), exposed as `client/App`, mounted at /client/*. */
import { BrandScope } from "@nhood/design-system";
import { PortalFrame } from "@nhood/web-kit";
import type { ReactNode } from "react";
import { Navigate, Route, Routes } from "react-router-dom";
import { useClientBranding } from "../features/branding/api/use-client-branding";
import { ClientHomePage } from "./client-home-page";

export default function App({ basename }: { basename: string }) {
  return (
    <PortalFrame name="client" basename={basename}>
      <ClientBrand>
        <Routes>
          <Route index element={<ClientHomePage />} />
          <Route path="*" element={<Navigate to={basename} replace />} />
        </Routes>
      </ClientBrand>
    </PortalFrame>
  );
}

function ClientBrand({ children }: { children: ReactNode }) {
  const branding = useClientBranding();
  return <BrandScope primaryColor={branding.data?.primary_color}>{children}</BrandScope>;
}
