import { Button } from "@nhood/design-system";

export interface PortalErrorPanelProps {
  portalName: string;
  /** "load": the portal's code didn't arrive; "render": it crashed while drawing */
  kind: "load" | "render";
  error: unknown;
  onRetry: () => void;
}

/** The contained error shown in place of one portal; the rest of the shell keeps working. */
export function PortalErrorPanel({ portalName, kind, error, onRetry }: PortalErrorPanelProps) {
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <section role="alert" aria-labelledby="portal-error-title" className="mx-auto max-w-xl rounded-xl border border-danger/30 bg-surface p-6 shadow-sm">
      <h1 id="portal-error-title" className="text-lg font-semibold text-danger">
        {kind === "load" ? `${portalName} is unavailable right now` : `${portalName} stopped working`}
      </h1>
      <p className="mt-2 text-sm text-fg">
        {kind === "load"
          ? "We couldn't load this portal. Your other portals still work; try again in a moment."
          : "Something went wrong while showing this portal. Your other portals still work."}
      </p>
      <details className="mt-3 text-xs text-fg-muted">
        <summary className="cursor-pointer">Technical details</summary>
        <p className="mt-1 break-words">{detail}</p>
      </details>
      <Button className="mt-4" onClick={onRetry}>
        Retry
      </Button>
    </section>
  );
}
