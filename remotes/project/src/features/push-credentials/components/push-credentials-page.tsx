/**
 * Mobile push credentials (issue 15 part 4, decision 026): Firebase Cloud Messaging (a service
 * account key JSON) and Apple Push Notification service (a token signing key: .p8, key id, team
 * id, bundle id, environment). Each shows its status without the secret (what identifies the
 * credential and when it was set), can be set or replaced, and removed after confirmation.
 */
import { Badge, Button, Card, Dialog, PageHeader, toast } from "@nhood/design-system";
import type { PushCredentials } from "@nhood/contracts/push-credentials";
import { AsyncContent, ProblemMessage, formatDateTime, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import { useState } from "react";
import { usePushCredentials, useRemovePushCredentials } from "../api/use-push-credentials";
import { ApnsForm, FcmForm } from "./push-credential-forms";

type Provider = "fcm" | "apns";
const NAMES: Record<Provider, string> = { fcm: "Firebase Cloud Messaging", apns: "Apple Push Notification service" };

export function PushCredentialsPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = usePushCredentials(ws);
  useMarkPortalReady(query.status !== "pending");
  return (
    <>
      <PageHeader
        title="Mobile push"
        description="Your users' phones receive notifications through FCM (Android and iOS via Firebase) and APNs (iOS) with your app's own credentials, stored encrypted."
      />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load the push credentials"
        loadingLabel="Loading the push credentials…"
        isEmpty={false}
        empty={null}
      >
        {query.data && <Providers ws={ws} creds={query.data} />}
      </AsyncContent>
    </>
  );
}

function Providers({ ws, creds }: { ws: string; creds: PushCredentials }) {
  const [editing, setEditing] = useState<Provider | null>(null);
  const [removing, setRemoving] = useState<Provider | null>(null);
  const remove = useRemovePushCredentials(ws);
  const confirmRemove = (p: Provider) =>
    remove.mutate(p, {
      onSuccess: () => {
        setRemoving(null);
        toast(`${NAMES[p]} credentials removed`, { tone: "success" });
      },
    });
  const actions = (p: Provider, set: boolean) => (
    <div className="flex gap-2">
      <Button size="sm" variant="secondary" onClick={() => setEditing(p)}>
        {set ? "Replace" : "Set up"}
      </Button>
      {set && (
        <Button
          size="sm"
          variant="danger-subtle"
          onClick={() => {
            remove.reset();
            setRemoving(p);
          }}
        >
          Remove
        </Button>
      )}
    </div>
  );
  return (
    <div className="flex flex-col gap-4">
      <Card title={NAMES.fcm} description="A service account key of your Firebase project (HTTP v1 API)." actions={actions("fcm", !!creds.fcm)}>
        {creds.fcm ? (
          <Status
            rows={[
              ["Project", creds.fcm.project_id],
              ["Service account", creds.fcm.client_email],
              ["Key id", creds.fcm.private_key_id],
              ["Set", formatDateTime(creds.fcm.updated_at)],
            ]}
          />
        ) : (
          <NotSet provider="fcm" />
        )}
      </Card>
      <Card title={NAMES.apns} description="A token signing key (.p8) of your Apple developer team." actions={actions("apns", !!creds.apns)}>
        {creds.apns ? (
          <Status
            rows={[
              ["Key id", creds.apns.key_id],
              ["Team id", creds.apns.team_id],
              ["Bundle id", creds.apns.bundle_id],
              ["Environment", creds.apns.environment === "production" ? "Production" : "Sandbox (development builds)"],
              ["Set", formatDateTime(creds.apns.updated_at)],
            ]}
          />
        ) : (
          <NotSet provider="apns" />
        )}
      </Card>
      <FcmForm ws={ws} open={editing === "fcm"} onClose={() => setEditing(null)} />
      <ApnsForm ws={ws} open={editing === "apns"} onClose={() => setEditing(null)} />
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing ? `Remove the ${NAMES[removing]} credentials?` : ""}
        description="Notifications stop reaching your users' devices on this service until you set credentials again. The stored key is deleted."
        footer={
          <>
            <Button variant="secondary" onClick={() => setRemoving(null)}>
              Cancel
            </Button>
            <Button variant="danger" loading={remove.isPending} onClick={() => removing && confirmRemove(removing)}>
              Remove
            </Button>
          </>
        }
      >
        {remove.error && <ProblemMessage error={remove.error} title="Couldn't remove the credentials" />}
      </Dialog>
    </div>
  );
}

function Status({ rows }: { rows: [string, string][] }) {
  return (
    <>
      <Badge tone="success">Configured</Badge>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-fg-muted">{k}</dt>
            <dd className="break-all">{v}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-xs text-fg-muted">The private key is stored encrypted and is never shown again.</p>
    </>
  );
}

function NotSet({ provider }: { provider: Provider }) {
  return (
    <>
      <Badge tone="neutral">Not configured</Badge>
      <p className="mt-2 text-sm text-fg-muted">
        {provider === "fcm"
          ? "Users' FCM push tokens get no notification until a service account is set."
          : "Users' APNs device tokens get no notification until a signing key is set."}
      </p>
    </>
  );
}
