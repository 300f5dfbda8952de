/** The CRM's sealed columns (Meta settings, meta-settings.ts), declared for key rotation (kernel/sealed-secrets.ts, decision 030). */
import { registerSealedColumns } from "../../kernel/sealed-secrets";

registerSealedColumns({
  name: "crm.meta_settings",
  table: "meta_settings",
  key: "workspace_id",
  perWorkspace: true,
  columns: [
    { column: "app_secret_sealed", sealedWith: "workspace", purpose: () => "meta.app_secret" },
    { column: "page_access_token_sealed", sealedWith: "workspace", purpose: () => "meta.page_access_token" },
    { column: "verify_token_sealed", sealedWith: "workspace", purpose: () => "meta.verify_token" },
  ],
});
