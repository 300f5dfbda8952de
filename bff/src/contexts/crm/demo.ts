/**
 * The CRM part of the demo seed: CRM client `acme-homes` (website http://localhost:8080, so the
 * ingest API accepts browser posts from the demo itself), the catalogue Real estate → Apartments →
 * 2-bed apartment attached to it, and the demo leads filed under it.
 */
import { eq, isNull, and } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { addCatalogueEntry, createClient, setClientProduct } from "./clients";
import { leads } from "./schema";

export async function seedDemoCrm(tx: Tx, workspaceId: string): Promise<void> {
  await createClient(tx, workspaceId, { client_id: "acme-homes", name: "Acme Homes", status: "active", website_origins: ["http://localhost:8080"] });
  const industry = await addCatalogueEntry(tx, workspaceId, "industry", { name: "Real estate" });
  const category = await addCatalogueEntry(tx, workspaceId, "category", { name: "Apartments", industry_id: industry.id });
  const product = await addCatalogueEntry(tx, workspaceId, "product", { name: "2-bed apartment", category_id: category.id });
  await setClientProduct(tx, workspaceId, "acme-homes", product.id, true);
  await tx
    .update(leads)
    .set({ crmClientId: "acme-homes" })
    .where(and(eq(leads.workspaceId, workspaceId), isNull(leads.crmClientId)));
}
