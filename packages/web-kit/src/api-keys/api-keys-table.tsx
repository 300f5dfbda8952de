import { Badge, Button, Table, TBody, Td, Th, THead, Tr } from "@nhood/design-system";
import type { ApiKey } from "@nhood/contracts";
import { formatDate, formatDateTime } from "@nhood/web-kit";
import { apiKeyStatus } from "./api-key-status";

const statusTone = { active: "success", revoked: "neutral", expired: "warning" } as const;

export interface ApiKeysTableProps {
  apiKeys: ApiKey[];
  onRevoke: (key: ApiKey) => void;
}

/** API keys with prefix, scopes, dates and status; active keys can be revoked. */
export function ApiKeysTable({ apiKeys, onRevoke }: ApiKeysTableProps) {
  return (
    <Table caption="API keys">
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Key</Th>
          <Th>Scopes</Th>
          <Th>Created</Th>
          <Th>Last used</Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {apiKeys.map((key) => {
          const status = apiKeyStatus(key);
          return (
            <Tr key={key.id}>
              <Td className="font-medium whitespace-nowrap">{key.name}</Td>
              <Td>
                <code className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-xs">{key.prefix}…</code>
              </Td>
              <Td>
                <ul className="flex max-w-xs flex-wrap gap-1" aria-label={`Scopes of ${key.name}`}>
                  {key.scopes.map((s) => (
                    <li key={s}>
                      <Badge tone="info">{s.replace("_", " ")}</Badge>
                    </li>
                  ))}
                </ul>
              </Td>
              <Td className="whitespace-nowrap text-fg-muted">{formatDate(key.created_at)}</Td>
              <Td className="whitespace-nowrap text-fg-muted">{key.last_used_at ? formatDateTime(key.last_used_at) : "Never"}</Td>
              <Td>
                <Badge tone={statusTone[status]}>{status}</Badge>
              </Td>
              <Td className="text-right">
                {status === "active" && (
                  <Button variant="danger-subtle" size="sm" onClick={() => onRevoke(key)} aria-label={`Revoke ${key.name}`}>
                    Revoke
                  </Button>
                )}
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
