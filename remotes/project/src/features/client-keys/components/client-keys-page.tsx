/**
 * Client SDK keys (issue 15 part 3, decision 027): the workspace's publishable key (`nhood_pk_…`,
 * safe in a browser or app) and its user-hash secret (`nhood_uhs_…`, for the tenant's backend
 * only: masked until asked for), how the backend signs a user (with a worked example computed
 * here), and rotation (revokes both at once after confirmation). One pair is active at a time:
 * the BFF creates it on the first read.
 */
import { Badge, Button, Card, Dialog, Input, PageHeader, toast } from "@nhood/design-system";
import { AsyncContent, ProblemMessage, formatDateTime, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import type { ClientKeysView } from "@nhood/contracts/client-sdk";
import { useEffect, useState } from "react";
import { useClientKeys, useRotateClientKeys } from "../api/use-client-keys";
import { computeUserHash } from "../api/user-hash";

export function ClientKeysPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = useClientKeys(ws);
  const rotate = useRotateClientKeys(ws);
  const [confirming, setConfirming] = useState(false);
  useMarkPortalReady(query.status !== "pending");

  const confirmRotate = () =>
    rotate.mutate(undefined, {
      onSuccess: () => {
        setConfirming(false);
        toast("New client SDK keys issued; the old ones no longer work", { tone: "success" });
      },
    });
  const rotateButton = (
    <Button
      variant="secondary"
      onClick={() => {
        rotate.reset();
        setConfirming(true);
      }}
      disabled={!query.data}
    >
      Rotate keys
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Client SDK keys"
        description="Your web and mobile apps use the publishable key with the client SDK; your backend signs each signed-in user with the user-hash secret."
        actions={rotateButton}
      />
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load the client SDK keys"
        loadingLabel="Loading the client SDK keys…"
        isEmpty={false}
        empty={null}
      >
        {query.data && <Keys keys={query.data} />}
      </AsyncContent>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Rotate the client SDK keys?"
        description="The publishable key and the user-hash secret are both revoked at once: apps holding the old key get 401 until you ship the new one, and your backend must sign users with the new secret."
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button variant="danger" loading={rotate.isPending} onClick={confirmRotate}>
              Rotate keys
            </Button>
          </>
        }
      >
        {rotate.error && <ProblemMessage error={rotate.error} title="Couldn't rotate the keys" />}
      </Dialog>
    </>
  );
}

function Keys({ keys }: { keys: ClientKeysView }) {
  const [revealed, setRevealed] = useState(false);
  return (
    <div className="flex flex-col gap-4">
      <Card
        title="Publishable key"
        description="Safe to ship in your app: it opens only the client routes, and only with a user signature."
        actions={<Badge tone="success">Active</Badge>}
      >
        <code data-testid="publishable-key" className="block break-all rounded bg-surface-muted p-2 text-sm">
          {keys.publishable_key}
        </code>
        <p className="mt-2 text-xs text-fg-muted">
          Workspace id <code>{keys.workspace_id}</code> · issued {formatDateTime(keys.created_at)}
        </p>
        <CopyButton value={keys.publishable_key} label="Copy publishable key" />
      </Card>
      <Card
        title="User-hash secret"
        description="Keep it on your backend (a secret manager), never in an app: whoever holds it can sign in as any of your users."
        actions={
          <Button variant="ghost" size="sm" onClick={() => setRevealed((r) => !r)} aria-pressed={revealed}>
            {revealed ? "Hide secret" : "Show secret"}
          </Button>
        }
      >
        <code data-testid="user-hash-secret" className="block break-all rounded bg-surface-muted p-2 text-sm">
          {revealed ? keys.user_hash_secret : `nhood_uhs_${"•".repeat(24)}`}
        </code>
        <CopyButton value={keys.user_hash_secret} label="Copy user-hash secret" />
      </Card>
      <Card title="Signing a user" description="Your backend computes the userHash for each signed-in user and hands it to the app with the user.">
        <pre className="whitespace-pre-wrap break-all rounded bg-surface-muted p-2 text-xs">
          {`// Node.js, on your backend
import { createHmac } from "node:crypto";
const userHash = createHmac("sha256", process.env.NHOOD_USER_HASH_SECRET)
  .update(externalUserId)
  .digest("hex");
// in the app
init({ publishableKey: "${keys.publishable_key}", workspaceId: "${keys.workspace_id}", user: { externalUserId, userHash } });`}
        </pre>
        <UserHashExample secret={keys.user_hash_secret} />
      </Card>
    </div>
  );
}

/** Computes the userHash of an external user id in the browser, to check a backend's signature against. */
function UserHashExample({ secret }: { secret: string }) {
  const [externalUserId, setExternalUserId] = useState("");
  const [hash, setHash] = useState("");
  useEffect(() => {
    let live = true;
    if (!externalUserId) setHash("");
    else void computeUserHash(secret, externalUserId).then((h) => live && setHash(h));
    return () => {
      live = false;
    };
  }, [secret, externalUserId]);
  return (
    <div className="mt-3 flex flex-col gap-2">
      <Input
        label="Try it: an external user id"
        hint="Compare with what your backend computes for the same user."
        value={externalUserId}
        onChange={(e) => setExternalUserId(e.target.value)}
        autoComplete="off"
      />
      {hash && (
        <p className="text-sm">
          userHash: <code data-testid="user-hash">{hash}</code>
        </p>
      )}
    </div>
  );
}

function CopyButton({ value, label }: { value: string; label: string }) {
  return (
    <Button
      variant="ghost"
      size="sm"
      className="mt-2"
      onClick={() =>
        void navigator.clipboard?.writeText(value).then(
          () => toast("Copied", { tone: "success" }),
          () => toast("Couldn't copy: select the text instead", { tone: "danger" }),
        )
      }
    >
      {label}
    </Button>
  );
}
