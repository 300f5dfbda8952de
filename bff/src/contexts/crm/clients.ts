/**
 * CRM clients and the product catalogue (Industry → Category → Product, each level required).
 * A CRM client's id is chosen by the caller; a taken id is a 409 Conflict. Products attach to
 * CRM clients through `client_products` with an enabled flag.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { isUniqueViolation } from "../../db/client";
import { Conflict, NotFound, ValidationFailed } from "../../lib/errors";
import { appendDomainEvent } from "../../kernel/events";
import { clientProducts, crmClients, industries, productCategories, products } from "./schema";
import type { Catalogue, CrmClient } from "@nhood/contracts";

type ClientRow = typeof crmClients.$inferSelect;

async function toClient(tx: Tx, r: ClientRow): Promise<CrmClient> {
  const prods = await tx
    .select({ product_id: products.id, name: products.name, enabled: clientProducts.enabled })
    .from(clientProducts)
    .innerJoin(products, eq(products.id, clientProducts.productId))
    .where(and(eq(clientProducts.workspaceId, r.workspaceId), eq(clientProducts.clientId, r.clientId)))
    .orderBy(asc(products.name));
  return { client_id: r.clientId, name: r.name, status: r.status, website_origins: r.websiteOrigins, products: prods, created_at: r.createdAt.toISOString() };
}

export async function listClients(tx: Tx, workspaceId: string): Promise<CrmClient[]> {
  const rows = await tx.select().from(crmClients).where(eq(crmClients.workspaceId, workspaceId)).orderBy(asc(crmClients.name));
  return Promise.all(rows.map((r) => toClient(tx, r)));
}

/** The CRM client or NotFound. */
export async function getClientRow(tx: Tx, workspaceId: string, clientId: string): Promise<ClientRow> {
  const [row] = await tx
    .select()
    .from(crmClients)
    .where(and(eq(crmClients.workspaceId, workspaceId), eq(crmClients.clientId, clientId)));
  if (!row) throw new NotFound("CRM client");
  return row;
}

export async function getClient(tx: Tx, workspaceId: string, clientId: string): Promise<CrmClient> {
  return toClient(tx, await getClientRow(tx, workspaceId, clientId));
}

/** Creates a CRM client under the caller's id; Conflict (409, `#/client_id`) when it is taken. */
export async function createClient(
  tx: Tx,
  workspaceId: string,
  b: { client_id: string; name: string; status: "active" | "inactive"; website_origins: string[] },
): Promise<CrmClient> {
  const taken = () => new Conflict(`The CRM client id \`${b.client_id}\` is already taken.`, [{ pointer: "#/client_id", detail: "already taken" }]);
  const [exists] = await tx
    .select({ id: crmClients.clientId })
    .from(crmClients)
    .where(and(eq(crmClients.workspaceId, workspaceId), eq(crmClients.clientId, b.client_id)));
  if (exists) throw taken();
  try {
    const [row] = await tx
      .insert(crmClients)
      .values({ workspaceId, clientId: b.client_id, name: b.name, status: b.status, websiteOrigins: b.website_origins })
      .returning();
    await appendDomainEvent(tx, { workspaceId, type: "crm_client.created", payload: { client_id: b.client_id, name: b.name } });
    return toClient(tx, row!);
  } catch (e) {
    if (isUniqueViolation(e, "crm_clients_workspace_id_client_id_pk")) throw taken();
    throw e;
  }
}

export async function updateClient(
  tx: Tx,
  workspaceId: string,
  clientId: string,
  b: { name?: string; status?: "active" | "inactive"; website_origins?: string[] },
): Promise<CrmClient> {
  await getClientRow(tx, workspaceId, clientId);
  const [row] = await tx
    .update(crmClients)
    .set({ name: b.name, status: b.status, websiteOrigins: b.website_origins })
    .where(and(eq(crmClients.workspaceId, workspaceId), eq(crmClients.clientId, clientId)))
    .returning();
  await appendDomainEvent(tx, { workspaceId, type: "crm_client.updated", payload: { client_id: clientId, ...b } });
  return toClient(tx, row!);
}

/** Attaches (or enables/disables) a catalogue product for a CRM client. */
export async function setClientProduct(tx: Tx, workspaceId: string, clientId: string, productId: string, enabled: boolean): Promise<CrmClient> {
  const client = await getClientRow(tx, workspaceId, clientId);
  const [p] = await tx
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.id, productId), eq(products.workspaceId, workspaceId)));
  if (!p) throw new ValidationFailed([{ pointer: "#/product_id", detail: "no such product in the catalogue" }]);
  await tx
    .insert(clientProducts)
    .values({ workspaceId, clientId, productId, enabled })
    .onConflictDoUpdate({ target: [clientProducts.workspaceId, clientProducts.clientId, clientProducts.productId], set: { enabled } });
  await appendDomainEvent(tx, { workspaceId, type: "crm_client.product_set", payload: { client_id: clientId, product_id: productId, enabled } });
  return toClient(tx, client);
}

/** The whole catalogue as a tree, alphabetical at each level. */
export async function loadCatalogue(tx: Tx, workspaceId: string): Promise<Catalogue> {
  const inds = await tx.select().from(industries).where(eq(industries.workspaceId, workspaceId)).orderBy(asc(industries.name));
  const cats = await tx.select().from(productCategories).where(eq(productCategories.workspaceId, workspaceId)).orderBy(asc(productCategories.name));
  const prods = await tx.select().from(products).where(eq(products.workspaceId, workspaceId)).orderBy(asc(products.name));
  return {
    industries: inds.map((i) => ({
      id: i.id,
      name: i.name,
      categories: cats
        .filter((c) => c.industryId === i.id)
        .map((c) => ({
          id: c.id,
          name: c.name,
          products: prods.filter((p) => p.categoryId === c.id).map((p) => ({ id: p.id, name: p.name })),
        })),
    })),
  };
}

const duplicate = (what: string) => new Conflict(`That ${what} already exists.`, [{ pointer: "#/name", detail: "already exists" }]);

/** Adds an industry, a category (under an industry) or a product (under a category). */
export async function addCatalogueEntry(
  tx: Tx,
  workspaceId: string,
  level: "industry" | "category" | "product",
  b: { name: string; industry_id?: string; category_id?: string },
): Promise<{ id: string }> {
  try {
    let id: string;
    if (level === "industry") {
      [{ id }] = (await tx.insert(industries).values({ workspaceId, name: b.name }).returning({ id: industries.id })) as [{ id: string }];
    } else if (level === "category") {
      const [parent] = await tx
        .select()
        .from(industries)
        .where(and(eq(industries.id, b.industry_id!), eq(industries.workspaceId, workspaceId)));
      if (!parent) throw new ValidationFailed([{ pointer: "#/industry_id", detail: "no such industry" }]);
      [{ id }] = (await tx.insert(productCategories).values({ workspaceId, industryId: parent.id, name: b.name }).returning({ id: productCategories.id })) as [
        { id: string },
      ];
    } else {
      const [parent] = await tx
        .select()
        .from(productCategories)
        .where(and(eq(productCategories.id, b.category_id!), eq(productCategories.workspaceId, workspaceId)));
      if (!parent) throw new ValidationFailed([{ pointer: "#/category_id", detail: "no such category" }]);
      [{ id }] = (await tx.insert(products).values({ workspaceId, categoryId: parent.id, name: b.name }).returning({ id: products.id })) as [{ id: string }];
    }
    await appendDomainEvent(tx, { workspaceId, type: `catalogue.${level}_created`, subjectId: id, payload: { name: b.name } });
    return { id };
  } catch (e) {
    if (isUniqueViolation(e, "industries_ws_name_key") || isUniqueViolation(e, "product_categories_name_key") || isUniqueViolation(e, "products_name_key"))
      throw duplicate(level);
    throw e;
  }
}
