/**
 * Routes once signed in: one `/<portal>/*` route per portal the BFF lists, "/" → first portal,
 * and the person's own /account/security (a lazy chunk: the shell's initial JS is at its budget).
 */
import { EmptyState } from "@nhood/design-system";
import { useActiveWorkspaceId, useSession } from "@nhood/web-kit";
import { lazy, useEffect } from "react";
import { Link, Navigate, Route, Routes } from "react-router-dom";
import { LazyPage } from "../components/lazy-page";
import { AppLayout } from "../features/navigation/components/app-layout";
import { RemotePortal } from "../features/portals/components/remote-portal";
import { registerPortals } from "../features/portals/lib/federation";
import { VerifyEmailNotice } from "../features/signup/components/verify-email-notice";

const AccountSecurityPage = lazy(() => import(/* webpackChunkName: "lazy-account-security" */ "../features/account-security/components/account-security-page"));

export function SignedInRoutes() {
  const portals = useSession((s) => s.portals);
  const workspaceId = useActiveWorkspaceId();
  const first = portals[0];
  useEffect(() => registerPortals(portals), [portals]);
  return (
    <>
      <VerifyEmailNotice />
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={first ? <Navigate to={first.route} replace /> : <NoPortals />} />
          {portals.map((p) => (
            <Route key={p.name} path={`${p.route.replace(/^\/+/, "")}/*`} element={<RemotePortal key={`${p.name}:${workspaceId ?? "-"}`} portal={p} />} />
          ))}
          <Route
            path="account/security"
            element={
              <LazyPage>
                <AccountSecurityPage />
              </LazyPage>
            }
          />
          <Route path="*" element={<NotFound home={first?.route ?? "/"} />} />
        </Route>
      </Routes>
    </>
  );
}

function NoPortals() {
  return (
    <EmptyState title="No portals for this account">
      Your account has no role that opens a portal in this workspace. Ask a workspace owner to give you a role, or switch to another workspace.
    </EmptyState>
  );
}

function NotFound({ home }: { home: string }) {
  return (
    <EmptyState
      title="This page doesn't exist"
      action={
        <Link className="font-medium text-brand-text underline" to={home}>
          Go to your first portal
        </Link>
      }
    >
      The address may be mistyped, or the portal isn't available to your account.
    </EmptyState>
  );
}
