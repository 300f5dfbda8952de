/** A lazy route's page (a `lazy-…` chunk, outside the initial-JS budget) with the one loading line. */
import { Suspense, type ReactNode } from "react";

export function LazyPage({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p role="status" className="p-8 text-center text-sm text-fg-muted">
          Loading…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}
