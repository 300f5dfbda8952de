/** The client portal's "Apps" card: providers, connection status, connect and disconnect flows. */
import { Button, Card, Dialog, toast } from "@nhood/design-system";
import { AsyncContent, describeError, type ConnectionDetail, type ProviderSummary } from "@nhood/web-kit";
import { useEffect, useState } from "react";
import { useAvailableProviders, useDisconnect, useMyConnections, useStartOAuth } from "../api/use-apps";
import { AppsList } from "./apps-list";
import { CredentialsDialog } from "./credentials-dialog";

/** Shows the outcome of an OAuth round trip (`?connected=` or `?connect_error=`) once, then cleans the URL. */
function useOAuthOutcome() {
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const provider = (params.get("provider") ?? "the app")
      .replace(/^custom:/, "")
      .replace(/_/g, " ")
      .replace(/\b\w/g, (c) => c.toUpperCase());
    if (params.has("connected")) toast(`Connected ${provider}`, { tone: "success" });
    else if (params.has("connect_error")) toast(`Couldn't connect ${provider}`, { tone: "danger", description: params.get("connect_error") ?? undefined });
    else return;
    window.history.replaceState(null, "", window.location.pathname);
  }, []);
}

export function AppsSection({ company }: { company: string }) {
  const providers = useAvailableProviders();
  const connections = useMyConnections();
  const oauth = useStartOAuth();
  const disconnect = useDisconnect();
  const [credentialsFor, setCredentialsFor] = useState<ProviderSummary | null>(null);
  const [confirm, setConfirm] = useState<ConnectionDetail | null>(null);
  useOAuthOutcome();
  const connect = (p: ProviderSummary) =>
    p.auth_kind === "oauth2"
      ? oauth.mutate(p.key, { onError: (e) => toast(`Couldn't start connecting ${p.name}`, { tone: "danger", description: describeError(e).detail }) })
      : setCredentialsFor(p);
  const status =
    providers.status === "success" && connections.status === "success"
      ? "success"
      : providers.status === "error" || connections.status === "error"
        ? "error"
        : "pending";
  return (
    <Card title="Apps" description={`Connect the apps ${company} may use on your behalf. You can disconnect at any time.`}>
      <AsyncContent
        status={status}
        error={providers.error ?? connections.error}
        onRetry={() => {
          void providers.refetch();
          void connections.refetch();
        }}
        errorTitle="Couldn't load your apps"
        loadingLabel="Loading your apps…"
        isEmpty={false}
        empty={null}
      >
        <AppsList
          providers={providers.data?.items ?? []}
          connections={connections.data?.items ?? []}
          company={company}
          busyProvider={oauth.isPending ? (oauth.variables ?? null) : null}
          onConnect={connect}
          onDisconnect={setConfirm}
        />
      </AsyncContent>
      {credentialsFor && <CredentialsDialog provider={credentialsFor} onClose={() => setCredentialsFor(null)} />}
      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title="Disconnect this app?"
        description={`${company} will no longer be able to use it for you. Where the app supports it, we also revoke our access there.`}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirm(null)}>
              Keep connected
            </Button>
            <Button
              variant="danger"
              loading={disconnect.isPending}
              onClick={() =>
                confirm &&
                disconnect.mutate(confirm, {
                  onSuccess: () => {
                    setConfirm(null);
                    toast("Disconnected", { tone: "success" });
                  },
                  onError: (e) => toast("Couldn't disconnect", { tone: "danger", description: describeError(e).detail }),
                })
              }
            >
              Disconnect
            </Button>
          </>
        }
      />
    </Card>
  );
}
