/**
 * Notifications' sealed columns, declared for key rotation (kernel/sealed-secrets.ts, decision
 * 030): webhook endpoint secrets (webhooks/endpoints.ts), the VAPID private key (push.ts), mobile
 * push credentials (push-mobile/credentials.ts).
 */
import { registerSealedColumns } from "../../kernel/sealed-secrets";

registerSealedColumns({
  name: "notifications.webhook_endpoints",
  table: "webhook_endpoints",
  key: "id",
  perWorkspace: true,
  columns: [
    { column: "secret_encrypted", sealedWith: "workspace", purpose: () => "webhook_endpoint.secret" },
    { column: "previous_secret_encrypted", sealedWith: "workspace", purpose: () => "webhook_endpoint.secret" },
  ],
});
registerSealedColumns({
  name: "notifications.vapid_keys",
  table: "vapid_keys",
  key: "workspace_id",
  perWorkspace: true,
  columns: [{ column: "private_key_encrypted", sealedWith: "workspace", purpose: () => "vapid.private_key" }],
});
registerSealedColumns({
  name: "notifications.push_credentials",
  table: "push_credentials",
  key: "provider",
  perWorkspace: true,
  columns: [{ column: "secret_encrypted", sealedWith: "workspace", purpose: (r) => `push_credentials.${r.provider}` }],
});
