/**
 * The CRM method group of the typed client (client.ts mounts it as `api.crm`): leads, stages,
 * CRM clients, the catalogue, lead sources, Meta settings and the permission mapping.
 */
import type { z } from "zod";
import { page } from "./lists";
import {
  catalogueSchema,
  createdIdSchema,
  createdLeadSourceSchema,
  crmClientListSchema,
  crmClientSchema,
  leadAssignmentSchema,
  leadDetailSchema,
  leadListItemSchema,
  leadSourceListSchema,
  leadStageChangeSchema,
  metaSettingsSchema,
  openLeadsByOwnerSchema,
  permissionsSchema,
  setPermissionRequestSchema,
  stagesSchema,
  type CreateCrmClientRequest,
  type LeadListQuery,
  type Stage,
  type UpdateCrmClientRequest,
} from "./crm";
import { memberListSchema, type WorkspaceRole } from "./identity";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RequestFn = <T>(method: Method, path: string, schema: z.ZodType<T> | null, body?: unknown) => Promise<T>;

/** `?a=1&b=2` of the defined values ("" when none). */
export function leadQueryString(q: Omit<Partial<LeadListQuery>, "cursor"> & { cursor?: string | null } = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

export function crmMethods(request: RequestFn) {
  const ws = (id: string) => `/api/v1/workspaces/${encodeURIComponent(id)}`;
  const id = createdIdSchema;
  return {
    leads: (w: string, q: Partial<LeadListQuery> & { cursor?: string | null } = {}) =>
      request("GET", `${ws(w)}/leads${leadQueryString(q)}`, page(leadListItemSchema)),
    exportUrl: (w: string, q: Partial<LeadListQuery> = {}) => `${ws(w)}/leads/export.csv${leadQueryString(q)}`,
    openByOwner: (w: string) => request("GET", `${ws(w)}/leads/open-by-owner`, openLeadsByOwnerSchema),
    lead: (w: string, leadId: string) => request("GET", `${ws(w)}/leads/${leadId}`, leadDetailSchema),
    changeStage: (w: string, leadId: string, stage: string) => request("POST", `${ws(w)}/leads/${leadId}/stage`, leadStageChangeSchema, { stage }),
    assign: (w: string, leadId: string, owner_membership_id: string) =>
      request("POST", `${ws(w)}/leads/${leadId}/assign`, leadAssignmentSchema, { owner_membership_id }),
    addActivity: (w: string, leadId: string, kind: "note" | "call" | "email" | "message", body: string) =>
      request("POST", `${ws(w)}/leads/${leadId}/activities`, id, { kind, body }),
    stages: (w: string) => request("GET", `${ws(w)}/lead-stages`, stagesSchema),
    setStages: (w: string, items: Stage[]) => request("PUT", `${ws(w)}/lead-stages`, stagesSchema, { items }),
    clients: (w: string) => request("GET", `${ws(w)}/crm-clients`, crmClientListSchema),
    createClient: (w: string, b: CreateCrmClientRequest) => request("POST", `${ws(w)}/crm-clients`, crmClientSchema, b),
    updateClient: (w: string, clientId: string, b: UpdateCrmClientRequest) =>
      request("PATCH", `${ws(w)}/crm-clients/${encodeURIComponent(clientId)}`, crmClientSchema, b),
    setClientProduct: (w: string, clientId: string, product_id: string, enabled: boolean) =>
      request("PUT", `${ws(w)}/crm-clients/${encodeURIComponent(clientId)}/products`, crmClientSchema, { product_id, enabled }),
    catalogue: (w: string) => request("GET", `${ws(w)}/catalogue`, catalogueSchema),
    addIndustry: (w: string, name: string) => request("POST", `${ws(w)}/catalogue/industries`, id, { name }),
    addCategory: (w: string, industry_id: string, name: string) => request("POST", `${ws(w)}/catalogue/categories`, id, { industry_id, name }),
    addProduct: (w: string, category_id: string, name: string) => request("POST", `${ws(w)}/catalogue/products`, id, { category_id, name }),
    sources: (w: string) => request("GET", `${ws(w)}/lead-sources`, leadSourceListSchema),
    createSource: (w: string, client_id: string, name: string) => request("POST", `${ws(w)}/lead-sources`, createdLeadSourceSchema, { client_id, name }),
    revokeSource: (w: string, sourceId: string) => request("DELETE", `${ws(w)}/lead-sources/${sourceId}`, null),
    metaSettings: (w: string) => request("GET", `${ws(w)}/meta-settings`, metaSettingsSchema),
    updateMetaSettings: (w: string, b: { app_secret?: string; page_access_token?: string; rotate_verify_token?: boolean }) =>
      request("PUT", `${ws(w)}/meta-settings`, metaSettingsSchema, b),
    addMetaForm: (w: string, b: { page_id: string; form_id?: string; client_id: string }) => request("POST", `${ws(w)}/meta-settings/forms`, id, b),
    removeMetaForm: (w: string, formId: string) => request("DELETE", `${ws(w)}/meta-settings/forms/${formId}`, null),
    /** every member (admins assign to anyone; GET …/members) */
    members: (w: string) => request("GET", `${ws(w)}/members`, memberListSchema),
    permissions: (w: string) => request("GET", `${ws(w)}/permissions`, permissionsSchema),
    setPermission: (w: string, permission: string, role: WorkspaceRole, effect: "default" | "allow" | "deny") =>
      request("PUT", `${ws(w)}/permissions`, setPermissionRequestSchema, { permission, role, effect }),
  };
}
