/** The product catalogue: industries, their categories and products (every product has both). */
import { Card, EmptyState, PageHeader } from "@nhood/design-system";
import { AsyncContent, ProblemMessage, useMarkPortalReady } from "@nhood/web-kit";
import { useWorkspace } from "../../../lib/workspace";
import { useAddToCatalogue, useCatalogue } from "../api/use-catalogue";
import { AddInline } from "./add-inline";

export function CataloguePage() {
  const { ws, isAdmin } = useWorkspace();
  const cat = useCatalogue(ws);
  const add = useAddToCatalogue(ws);
  useMarkPortalReady(cat.status !== "pending");
  const industries = cat.data?.industries ?? [];
  return (
    <>
      <PageHeader title="Product catalogue" description="Industry → category → product. Attach products to CRM clients on the CRM clients page." />
      {isAdmin && (
        <Card title="Add an industry">
          <AddInline label="New industry" pending={add.isPending} onAdd={(name, done) => add.mutate({ level: "industry", name }, { onSuccess: done })} />
        </Card>
      )}
      {add.error && <ProblemMessage error={add.error} title="Couldn't add to the catalogue" />}
      <div className="mt-4">
        <AsyncContent
          status={cat.status}
          error={cat.error}
          onRetry={() => void cat.refetch()}
          errorTitle="Couldn't load the catalogue"
          loadingLabel="Loading the catalogue…"
          isEmpty={industries.length === 0}
          empty={
            <EmptyState title="The catalogue is empty">
              {isAdmin ? "Add an industry above, then its categories and products." : "A workspace admin builds the catalogue."}
            </EmptyState>
          }
        >
          <ul className="flex flex-col gap-3" aria-label="Industries">
            {industries.map((i) => (
              <li key={i.id}>
                <Card title={i.name}>
                  <ul className="flex flex-col gap-2">
                    {i.categories.map((c) => (
                      <li key={c.id} className="rounded border border-line p-2">
                        <p className="text-sm font-medium">{c.name}</p>
                        <ul className="ml-4 list-disc text-sm">
                          {c.products.map((p) => (
                            <li key={p.id}>{p.name}</li>
                          ))}
                        </ul>
                        {c.products.length === 0 && <p className="text-xs text-fg-muted">No products yet.</p>}
                        {isAdmin && (
                          <AddInline
                            label={`New product in ${c.name}`}
                            pending={add.isPending}
                            onAdd={(name, done) => add.mutate({ level: "product", parent: c.id, name }, { onSuccess: done })}
                          />
                        )}
                      </li>
                    ))}
                  </ul>
                  {isAdmin && (
                    <div className="mt-2">
                      <AddInline
                        label={`New category in ${i.name}`}
                        pending={add.isPending}
                        onAdd={(name, done) => add.mutate({ level: "category", parent: i.id, name }, { onSuccess: done })}
                      />
                    </div>
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
