/**
 * Decides what a visitor sees: a loading screen while the session is read from the BFF, the
 * sign-in page when there is none (or its refresh failed), else the signed-in app.
 */
import { useEffect, useState, type ReactNode } from "react";
import { isApiError, loadSession, ProblemMessage, useSession } from "@nhood/web-kit";
import { SignInPage } from "./sign-in-page";
import { FullPageMessage } from "../../../components/full-page-message";

export function SessionGate({ children }: { children: ReactNode }) {
  const status = useSession((s) => s.status);
  const [bootError, setBootError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (useSession.getState().status !== "loading") return;
    loadSession().catch((error: unknown) => {
      if (isApiError(error) && error.status === 401) useSession.getState().signedOut();
      else setBootError(error);
    });
  }, [attempt]);

  if (bootError) {
    return (
      <FullPageMessage>
        <ProblemMessage
          title="NeighbourHood couldn't start"
          error={bootError}
          onRetry={() => {
            setBootError(null);
            setAttempt((a) => a + 1);
          }}
        />
      </FullPageMessage>
    );
  }
  if (status === "loading") {
    return (
      <FullPageMessage>
        <p role="status" className="text-center text-sm text-fg-muted">
          Loading your workspace…
        </p>
      </FullPageMessage>
    );
  }
  if (status === "signed-out") return <SignInPage />;
  return <>{children}</>;
}
