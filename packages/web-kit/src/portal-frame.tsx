/**
 * The root element of every portal: provides the shared QueryClient and exposes
 * `data-portal-ready="<name>"` once the first screen has shown its first data (the web bench and
 * end-to-end tests wait for it).
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { QueryProvider } from "./query";

const ReadyContext = createContext<() => void>(() => undefined);
const BasenameContext = createContext("");

export interface PortalFrameProps {
  name: string;
  /** where the shell mounted the portal, e.g. "/developer" */
  basename: string;
  children: ReactNode;
}

export function PortalFrame({ name, basename, children }: PortalFrameProps) {
  const [ready, setReady] = useState(false);
  const markReady = useCallback(() => setReady(true), []);
  return (
    <QueryProvider>
      <BasenameContext.Provider value={basename.replace(/\/+$/, "")}>
        <ReadyContext.Provider value={markReady}>
          <div data-portal={name} data-portal-ready={ready ? name : undefined} className="min-h-full">
            {children}
          </div>
        </ReadyContext.Provider>
      </BasenameContext.Provider>
    </QueryProvider>
  );
}

/** Marks the portal ready once `settled` is true (data, empty list or error rendered). */
export function useMarkPortalReady(settled: boolean): void {
  const markReady = useContext(ReadyContext);
  useEffect(() => {
    if (settled) markReady();
  }, [settled, markReady]);
}

/**
 * Absolute path of a page inside the portal: `usePortalPath("api-keys")` → "/developer/api-keys".
 * (Relative links under the shell's `/<portal>/*` splat resolve against the whole URL.)
 */
export function usePortalPath(sub = ""): string {
  const base = useContext(BasenameContext);
  return sub ? `${base}/${sub.replace(/^\/+/, "")}` : base || "/";
}
