/** The shell's providers and top-level routes: /connect, then everything behind the session gate. */
import { ToastViewport } from "@nhood/design-system";
import { QueryProvider } from "@nhood/web-kit";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import { ConnectPage } from "../features/connect/components/connect-page";
import { SessionGate } from "../features/auth/components/session-gate";
import { SignedInRoutes } from "./signed-in-routes";

export function App() {
  return (
    <QueryProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/connect" element={<ConnectPage />} />
          <Route path="*" element={<SessionGate><SignedInRoutes /></SessionGate>} />
        </Routes>
      </BrowserRouter>
      <ToastViewport />
    </QueryProvider>
  );
}
