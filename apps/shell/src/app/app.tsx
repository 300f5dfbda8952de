/**
 * The shell's providers and top-level routes: /connect, then everything behind the session gate.
 * `NavigationGuard` lets a portal hold in-app navigation while it has unsaved work
 * (`useNavigationBlocker` from @nhood/web-kit).
 */
import { ToastViewport } from "@nhood/design-system";
import { NavigationGuard, QueryProvider } from "@nhood/web-kit";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import { ConnectPage } from "../features/connect/components/connect-page";
import { SessionGate } from "../features/auth/components/session-gate";
import { SignedInRoutes } from "./signed-in-routes";

export function App() {
  return (
    <QueryProvider>
      <BrowserRouter>
        <NavigationGuard>
          <Routes>
            <Route path="/connect" element={<ConnectPage />} />
            <Route
              path="*"
              element={
                <SessionGate>
                  <SignedInRoutes />
                </SessionGate>
              }
            />
          </Routes>
        </NavigationGuard>
      </BrowserRouter>
      <ToastViewport />
    </QueryProvider>
  );
}
