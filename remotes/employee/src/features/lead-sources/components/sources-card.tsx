import { useState } from "react";
import { Badge, Button, Card, EmptyState, Input, Select, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import { AsyncContent, ProblemMessage, formatDate } from "@nhood/web-kit";
import type { useSources } from "../api/use-sources";
import { CreatedKeyDialog } from "./created-key-dialog";

/** Form keys per CRM client: create (shown once with an HTML snippet), list and revoke. */
export function SourcesCard({ sources, clients }: { sources: ReturnType<typeof useSources>; clients: { client_id: string; name: string }[] }) {
  const [clientId, setClientId] = useState("");
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const items = sources.list.data?.items ?? [];
  return (
    <Card
      title="Website form keys"
      description="A key posts leads for one CRM client to POST /api/v1/leads/ingest (X-API-Key header or an api_key form field)."
    >
      <form
        className="mb-3 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          sources.create.mutate(
            { clientId, name: name.trim() },
            {
              onSuccess: (k) => {
                setCreated({ key: k.key, name: k.name });
                setName("");
              },
            },
          );
        }}
      >
        <Select
          label="CRM client"
          required
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          options={[{ value: "", label: "Choose…" }, ...clients.map((c) => ({ value: c.client_id, label: c.name }))]}
        />
        <Input label="Key name" required value={name} onChange={(e) => setName(e.target.value)} placeholder="Contact form" />
        <Button type="submit" loading={sources.create.isPending} disabled={!clientId || !name.trim()}>
          Create key
        </Button>
      </form>
      {sources.create.error && <ProblemMessage error={sources.create.error} title="Couldn't create the key" />}
      <AsyncContent
        status={sources.list.status}
        error={sources.list.error}
        onRetry={() => void sources.list.refetch()}
        errorTitle="Couldn't load lead sources"
        isEmpty={items.length === 0}
        empty={<EmptyState title="No form keys yet">Create one above and paste its HTML form into the client's website.</EmptyState>}
      >
        <Table caption="Lead-source keys">
          <THead>
            <Tr>
              <Th>Name</Th>
              <Th>CRM client</Th>
              <Th>Key</Th>
              <Th>Last used</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </Tr>
          </THead>
          <TBody>
            {items.map((s) => (
              <Tr key={s.id}>
                <Td>{s.name}</Td>
                <Td>
                  <code>{s.client_id}</code>
                </Td>
                <Td>
                  <code>{s.prefix}…</code>
                </Td>
                <Td className="text-fg-muted">{s.last_used_at ? formatDate(s.last_used_at) : "never"}</Td>
                <Td>{s.revoked_at ? <Badge tone="danger">revoked</Badge> : <Badge tone="success">live</Badge>}</Td>
                <Td>
                  {!s.revoked_at && (
                    <Button
                      size="sm"
                      variant="danger-subtle"
                      loading={sources.revoke.isPending && sources.revoke.variables === s.id}
                      onClick={() => sources.revoke.mutate(s.id)}
                    >
                      Revoke
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </AsyncContent>
      <CreatedKeyDialog created={created} onClose={() => setCreated(null)} />
    </Card>
  );
}
