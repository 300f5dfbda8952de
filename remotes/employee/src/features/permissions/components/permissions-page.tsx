/** Admins edit which role may call which route; "default" keeps the route's built-in roles. */
import { useState } from "react";
import { Input, PageHeader, Table, TBody, Td, Th, THead, Tr, toast } from "@nhood/design-system";
import { AsyncContent, describeError, useMarkPortalReady, type WorkspaceRole } from "@nhood/web-kit";
import { useWorkspace } from "../../../lib/workspace";
import { usePermissions } from "../api/use-permissions";

const ROLES: WorkspaceRole[] = ["admin", "developer", "sales_manager", "sales_rep", "member"];

export function PermissionsPage() {
  const { ws } = useWorkspace();
  const p = usePermissions(ws);
  const [filter, setFilter] = useState("");
  useMarkPortalReady(p.list.status !== "pending");
  const items = (p.list.data?.items ?? []).filter((i) => i.permission.toLowerCase().includes(filter.toLowerCase()));
  return (
    <>
      <PageHeader
        title="Permissions"
        description="Every workspace route, registered automatically. Deny a role a route, or allow it beyond its default roles. Owners always have every permission."
      />
      <Input
        label="Filter permissions"
        type="search"
        placeholder="Filter, e.g. leads"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        className="mb-3"
      />
      <AsyncContent
        status={p.list.status}
        error={p.list.error}
        onRetry={() => void p.list.refetch()}
        errorTitle="Couldn't load permissions"
        isEmpty={items.length === 0}
        empty={<p className="text-sm text-fg-muted">No route matches the filter.</p>}
      >
        <Table caption="Role permissions">
          <THead>
            <Tr>
              <Th>Route</Th>
              {ROLES.map((r) => (
                <Th key={r}>{r.replace("_", " ")}</Th>
              ))}
            </Tr>
          </THead>
          <TBody>
            {items.map((i) => (
              <Tr key={i.permission}>
                <Td>
                  <code className="text-xs">
                    <span className="font-semibold">{i.method}</span> {i.path.replace("/api/v1/workspaces/:workspace_id", "")}
                  </code>
                </Td>
                {ROLES.map((role) => (
                  <Td key={role}>
                    <select
                      aria-label={`${role} on ${i.permission}`}
                      className="rounded border border-line bg-surface px-1 py-0.5 text-xs"
                      value={i.roles[role]}
                      onChange={(e) =>
                        p.set.mutate(
                          { permission: i.permission, role, effect: e.target.value as "default" | "allow" | "deny" },
                          {
                            onError: (err) => toast("Couldn't change the permission", { tone: "danger", description: describeError(err).detail }),
                          },
                        )
                      }
                    >
                      <option value="default">default</option>
                      <option value="allow">allow</option>
                      <option value="deny">deny</option>
                    </select>
                  </Td>
                ))}
              </Tr>
            ))}
          </TBody>
        </Table>
      </AsyncContent>
    </>
  );
}
