/**
 * Connections: the workspace's Test mode switch, its own connections to providers (sandbox with
 * one click in test mode, OAuth through the provider, API keys through the Providers screen's
 * fields), and what the sandbox received from test executions.
 */
import { Badge, Button, EmptyState, PageHeader, Select, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import { AsyncContent, api, formatDateTime, LoadMore, ProblemMessage, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import {
  useAuthorizeWorkspaceConnection,
  useCreateWorkspaceConnection,
  useDeleteWorkspaceConnection,
  useSandboxRequests,
  useSetTestMode,
  useTestMode,
  useWorkspaceConnections,
} from "../api/use-connections";

export default function ConnectionsPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const testMode = useTestMode(ws);
  const setTestMode = useSetTestMode(ws);
  const conns = useWorkspaceConnections(ws);
  const catalogue = useQuery({ queryKey: ["developer", ws, "workspace-providers"], queryFn: () => api.integrations.workspaceProviders(ws) });
  const create = useCreateWorkspaceConnection(ws);
  const remove = useDeleteWorkspaceConnection(ws);
  const authorize = useAuthorizeWorkspaceConnection(ws);
  const sandbox = useSandboxRequests(ws);
  const [provider, setProvider] = useState("slack");
  useMarkPortalReady(conns.status !== "pending" && testMode.status !== "pending");
  const on = testMode.data?.test_mode ?? false;
  const providers = catalogue.data?.items ?? [];
  const chosen = providers.find((p) => p.key === provider);
  const requests = sandbox.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title="Connections"
        description="The workspace's own connections: steps with no end user (schedules, events, test runs) and steps set to connection: workspace use them."
      />
      <section aria-label="Test mode" className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-line bg-surface p-4">
        <div>
          <p className="font-medium text-fg">Test mode {on ? <Badge tone="warning">on</Badge> : <Badge>off</Badge>}</p>
          <p className="text-sm text-fg-muted">
            In test mode every execution is a test execution: provider calls go to the built-in sandbox, never to the real provider.
          </p>
        </div>
        <Button
          variant="secondary"
          loading={setTestMode.isPending}
          disabled={testMode.status !== "success"}
          onClick={() => setTestMode.mutate(!on)}
          aria-pressed={on}
        >
          {on ? "Switch test mode off" : "Switch test mode on"}
        </Button>
      </section>
      {setTestMode.error ? <ProblemMessage error={setTestMode.error} title="Couldn't switch test mode" /> : null}
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <div className="w-64">
          <Select
            label="Provider"
            value={provider}
            onChange={(e) => setProvider(e.target.value)}
            options={providers.map((p) => ({ value: p.key, label: p.name }))}
          />
        </div>
        {on && (
          <Button loading={create.isPending} onClick={() => create.mutate({ provider, sandbox: true })}>
            Add sandbox connection
          </Button>
        )}
        {chosen?.auth_kind === "oauth2" && (
          <Button variant="secondary" loading={authorize.isPending} onClick={() => authorize.mutate(provider)}>
            Connect {chosen.name} as the workspace
          </Button>
        )}
      </div>
      {create.error ? <ProblemMessage error={create.error} title="Couldn't add the connection" /> : null}
      {authorize.error ? <ProblemMessage error={authorize.error} title="Couldn't start the connection" /> : null}
      <AsyncContent
        status={conns.status}
        error={conns.error}
        onRetry={() => void conns.refetch()}
        errorTitle="Couldn't load the connections"
        isEmpty={(conns.data?.items.length ?? 0) === 0}
        empty={
          <EmptyState title="No workspace connections yet">
            Provider steps of runs with no end user fail with not_connected until the workspace connects the provider (test executions use the sandbox).
          </EmptyState>
        }
      >
        <Table caption="Workspace connections">
          <THead>
            <Tr>
              <Th>Provider</Th>
              <Th>Kind</Th>
              <Th>Status</Th>
              <Th>Connected</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </Tr>
          </THead>
          <TBody>
            {conns.data?.items.map((c) => (
              <Tr key={c.id}>
                <Td className="font-medium">{c.provider}</Td>
                <Td>{c.sandbox ? <Badge tone="warning">sandbox</Badge> : <Badge tone="success">live</Badge>}</Td>
                <Td>{c.status}</Td>
                <Td className="text-fg-muted">{formatDateTime(c.created_at)}</Td>
                <Td>
                  <Button
                    size="sm"
                    variant="secondary"
                    loading={remove.isPending && remove.variables === c.id}
                    onClick={() => remove.mutate(c.id)}
                    aria-label={`Disconnect ${c.provider}`}
                  >
                    Disconnect
                  </Button>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </AsyncContent>
      <h2 className="mb-2 mt-8 text-lg font-semibold text-fg">Sandbox requests</h2>
      <AsyncContent
        status={sandbox.status}
        error={sandbox.error}
        onRetry={() => void sandbox.refetch()}
        errorTitle="Couldn't load the sandbox requests"
        isEmpty={requests.length === 0}
        empty={
          <EmptyState title="The sandbox has received nothing yet">
            Run a workflow in test mode (or with a nhood_sk_test_ key): its provider calls show here.
          </EmptyState>
        }
      >
        <Table caption="Sandbox requests">
          <THead>
            <Tr>
              <Th>When</Th>
              <Th>Provider</Th>
              <Th>Request</Th>
              <Th>Status</Th>
              <Th>Connection</Th>
            </Tr>
          </THead>
          <TBody>
            {requests.map((r) => (
              <Tr key={r.id}>
                <Td className="whitespace-nowrap text-fg-muted">{formatDateTime(r.created_at)}</Td>
                <Td>
                  {r.provider}.{r.action}
                </Td>
                <Td>
                  <code className="font-mono text-xs">
                    {r.method} {r.path}
                  </code>
                </Td>
                <Td>
                  <Badge tone={r.status < 300 ? "success" : "danger"}>{r.status}</Badge>
                </Td>
                <Td className="text-fg-muted">{r.connection}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <LoadMore hasMore={sandbox.hasNextPage} loading={sandbox.isFetchingNextPage} onLoadMore={() => void sandbox.fetchNextPage()} />
      </AsyncContent>
    </>
  );
}
