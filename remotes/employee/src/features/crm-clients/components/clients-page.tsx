/** CRM clients: their ids, status, websites and the catalogue products each one offers. */
import { useQuery } from "@tanstack/react-query";
import { Badge, Card, EmptyState, PageHeader } from "@nhood/design-system";
import { AsyncContent, api, useMarkPortalReady } from "@nhood/web-kit";
import { useWorkspace } from "../../../lib/workspace";
import { useClientActions, useClients } from "../api/use-clients";
import { ClientForm } from "./client-form";

export function ClientsPage() {
  const { ws, isAdmin } = useWorkspace();
  const clients = useClients(ws);
  const actions = useClientActions(ws);
  const catalogue = useQuery({ queryKey: ["employee", ws, "catalogue"], queryFn: () => api.crm.catalogue(ws), enabled: isAdmin });
  const allProducts = (catalogue.data?.industries ?? []).flatMap((i) =>
    i.categories.flatMap((c) => c.products.map((p) => ({ ...p, path: `${i.name} › ${c.name}` }))),
  );
  useMarkPortalReady(clients.status !== "pending");
  const items = clients.data?.items ?? [];
  return (
    <>
      <PageHeader title="CRM clients" description="The customers whose leads your team works. Each has an id you choose and the products it offers." />
      {isAdmin && (
        <Card title="Add a CRM client">
          <ClientForm create={actions.create} />
        </Card>
      )}
      <div className="mt-4">
        <AsyncContent
          status={clients.status}
          error={clients.error}
          onRetry={() => void clients.refetch()}
          errorTitle="Couldn't load CRM clients"
          loadingLabel="Loading CRM clients…"
          isEmpty={items.length === 0}
          empty={
            <EmptyState title="No CRM clients yet">
              {isAdmin ? "Add your first CRM client above, then give it a lead source." : "Ask a workspace admin to add the CRM clients you sell for."}
            </EmptyState>
          }
        >
          <ul className="grid gap-3 md:grid-cols-2">
            {items.map((c) => (
              <li key={c.client_id}>
                <Card
                  title={
                    <span>
                      {c.name} <Badge tone={c.status === "active" ? "success" : "neutral"}>{c.status}</Badge>
                    </span>
                  }
                  description={<code>{c.client_id}</code>}
                >
                  <p className="text-xs text-fg-muted">Websites: {c.website_origins.join(", ") || "none (server-to-server posts only)"}</p>
                  <h3 className="mt-2 text-sm font-medium">Products</h3>
                  {c.products.length === 0 && <p className="text-xs text-fg-muted">No products attached.</p>}
                  <ul className="text-sm">
                    {c.products.map((p) => (
                      <li key={p.product_id} className="flex items-center gap-2">
                        {isAdmin ? (
                          <label className="flex items-center gap-2">
                            <input
                              type="checkbox"
                              checked={p.enabled}
                              onChange={(e) => actions.setProduct.mutate({ clientId: c.client_id, productId: p.product_id, enabled: e.target.checked })}
                            />
                            {p.name}
                          </label>
                        ) : (
                          <span>
                            {p.name} {!p.enabled && <Badge>disabled</Badge>}
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                  {isAdmin && allProducts.some((p) => !c.products.find((x) => x.product_id === p.id)) && (
                    <label className="mt-2 block text-xs">
                      <span className="sr-only">Attach a product to {c.name}</span>
                      <select
                        aria-label={`Attach a product to ${c.name}`}
                        className="rounded border border-line bg-surface px-1 py-0.5"
                        value=""
                        onChange={(e) => e.target.value && actions.setProduct.mutate({ clientId: c.client_id, productId: e.target.value, enabled: true })}
                      >
                        <option value="">Attach a product…</option>
                        {allProducts
                          .filter((p) => !c.products.find((x) => x.product_id === p.id))
                          .map((p) => (
                            <option key={p.id} value={p.id}>
                              {p.path} › {p.name}
                            </option>
                          ))}
                      </select>
                    </label>
                  )}
                </Card>
              </li>
            ))}
          </ul>
        </AsyncContent>
      </div>
    </>
  );
}
