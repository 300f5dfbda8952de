/**
 * The root element of every portal: provides the shared QueryClient and exposes
 * `data-portal-ready="<name>"` once the first screen has shown its first data (the web bench and
 * end-to-end tests wait for it).
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { QueryProvider } from "./query";

const ReadyContext = createContext<() => void>(() => undefined);

export interface PortalFrameProps {
  name: string;
  children: ReactNode;
}

export function PortalFrame({ name, children }: PortalFrameProps) {
  const [ready, setReady] = useState(false);
  return (
    <QueryProvider>
      <ReadyContext.Provider value={() => setReady(true)}>
        <div data-portal={name} data-portal-ready={ready ? name : undefined} className="min-h-full">
          {children}
        </div>
      </ReadyContext.Provider>
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
