/**
 * `/connect?token=…`: an end user arriving from the tenant's app (or a developer previewing the
 * client portal). Exchanges the connect-session token for an end-user session held by this tab,
 * loads it and opens the client portal.
 */
import { useEffect, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { ProblemMessage, startConnectSession } from "@nhood/web-kit";
import { FullPageMessage } from "../../../components/full-page-message";

export function ConnectPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get("token");
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const started = useRef(-1);

  useEffect(() => {
    if (!token || started.current === attempt) return; // StrictMode runs effects twice; exchange once
    started.current = attempt;
    startConnectSession(token)
      .then(() => navigate("/client", { replace: true }))
      .catch(setError);
  }, [token, attempt, navigate]);

  return (
    <FullPageMessage>
      {!token ? (
        <ProblemMessage title="This link is incomplete" error={new Error("The connect link has no token. Open it again from the app that sent you here.")} />
      ) : error ? (
        <ProblemMessage
          title="This link didn't work"
          error={error}
          onRetry={() => {
            setError(null);
            setAttempt((a) => a + 1);
          }}
        />
      ) : (
        <p role="status" className="text-center text-sm text-fg-muted">
          Connecting you securely…
        </p>
      )}
    </FullPageMessage>
  );
}
