/** Mounts one portal at `/<portal>/*`: loading state, load-error panel, render-error boundary. */
import type { Portal } from "@nhood/contracts";
import { SkeletonList } from "@nhood/design-system";
import { useState } from "react";
import { useRemoteApp } from "../hooks/use-remote-app";
import { PortalErrorBoundary } from "./portal-error-boundary";
import { PortalErrorPanel } from "./portal-error-panel";

export function RemotePortal({ portal }: { portal: Portal }) {
  const [attempt, setAttempt] = useState(0);
  const state = useRemoteApp(portal, attempt);
  if (state.status === "loading") return <SkeletonList rows={5} label={`Loading ${portal.display_name}…`} />;
  if (state.status === "error") {
    return <PortalErrorPanel portalName={portal.display_name} kind="load" error={state.error} onRetry={() => setAttempt((a) => a + 1)} />;
  }
  const App = state.App;
  return (
    <PortalErrorBoundary portalName={portal.display_name}>
      <App basename={portal.route} />
    </PortalErrorBoundary>
  );
}
