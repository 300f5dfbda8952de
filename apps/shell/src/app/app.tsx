/**
 * The shell's providers and top-level routes: /connect, /sign-up, /verify-email and
 * /invitations/accept (anyone), then everything behind the session gate.
 * `NavigationGuard` lets a portal hold in-app navigation while it has unsaved work
 * (`useNavigationBlocker` from @nhood/web-kit).
 */
import { ToastViewport } from "@nhood/design-system";
import { NavigationGuard, QueryProvider } from "@nhood/web-kit";
import { lazy, type ReactNode } from "react";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import { ConnectPage } from "../features/connect/components/connect-page";
import { SessionGate } from "../features/auth/components/session-gate";
import { LazyPage } from "../components/lazy-page";
import { SignedInRoutes } from "./signed-in-routes";

// self-service sign-up (issue 16): these pages and the password meter load only when opened; chunk
// names `lazy-…` keep them out of the initial-JS budget (mf-config's GzipBudgetPlugin)
const SignUpPage = lazy(() => import(/* webpackChunkName: "lazy-signup" */ "../features/signup/components/sign-up-page"));
const VerifyEmailPage = lazy(() => import(/* webpackChunkName: "lazy-verify-email" */ "../features/signup/components/verify-email-page"));
const AcceptInvitationPage = lazy(() => import(/* webpackChunkName: "lazy-accept-invitation" */ "../features/signup/components/accept-invitation-page"));
const later = (node: ReactNode) => <LazyPage>{node}</LazyPage>;

export function App() {
  return (
    <QueryProvider>
      <BrowserRouter>
        <NavigationGuard>
          <Routes>
            <Route path="/connect" element={<ConnectPage />} />
            <Route path="/sign-up" element={later(<SignUpPage />)} />
            <Route path="/verify-email" element={later(<VerifyEmailPage />)} />
            <Route path="/invitations/accept" element={later(<AcceptInvitationPage />)} />
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
