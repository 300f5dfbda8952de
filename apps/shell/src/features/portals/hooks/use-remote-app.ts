import type { Portal } from "@nhood/contracts";
import { useEffect, useState } from "react";
import { loadPortalApp, type PortalApp } from "../lib/federation";

export type RemoteAppState = { status: "loading" } | { status: "ready"; App: PortalApp } | { status: "error"; error: unknown };

/** Loads a portal's `./App`; a higher `attempt` re-attempts from scratch (see loadPortalApp). */
export function useRemoteApp(portal: Portal, attempt: number): RemoteAppState {
  const [state, setState] = useState<RemoteAppState>({ status: "loading" });
  const { name, manifest_url } = portal;
  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    loadPortalApp({ ...portal, name, manifest_url }, attempt > 0).then(
      (App) => live && setState({ status: "ready", App }),
      (error: unknown) => live && setState({ status: "error", error }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload only when the remote itself changes
  }, [name, manifest_url, attempt]);
  return state;
}
