/**
 * Integrations' sealed columns, declared for key rotation (kernel/sealed-secrets.ts, decision
 * 030). The purposes are the ones the sealing code uses (oauth-apps.ts, connections.ts,
 * authorize.ts, webhooks.ts, platform-oauth-apps.ts).
 */
import { registerSealedColumns } from "../../kernel/sealed-secrets";

registerSealedColumns({
  name: "integrations.oauth_apps",
  table: "oauth_apps",
  key: "id",
  perWorkspace: true,
  extra: ["provider"],
  columns: [{ column: "client_secret_encrypted", sealedWith: "workspace", purpose: (r) => `oauth_app:${r.provider}` }],
});
registerSealedColumns({
  name: "integrations.connections",
  table: "connections",
  key: "id",
  perWorkspace: true,
  columns: [
    { column: "access_token_encrypted", sealedWith: "workspace", purpose: (r) => `connection:${r.id}:access` },
    { column: "refresh_token_encrypted", sealedWith: "workspace", purpose: (r) => `connection:${r.id}:refresh` },
  ],
});
registerSealedColumns({
  name: "integrations.oauth_authorizations",
  table: "oauth_authorizations",
  key: "id",
  perWorkspace: true,
  extra: ["state_hash"],
  columns: [{ column: "code_verifier_encrypted", sealedWith: "workspace", purpose: (r) => `pkce:${r.state_hash}` }],
});
registerSealedColumns({
  name: "integrations.provider_webhooks",
  table: "provider_webhooks",
  key: "id",
  perWorkspace: true,
  extra: ["provider"],
  columns: [
    { column: "secret_encrypted", sealedWith: "workspace", purpose: (r) => `webhook:${r.provider}:secret` },
    { column: "verify_token_encrypted", sealedWith: "workspace", purpose: (r) => `webhook:${r.provider}:verify` },
  ],
});
registerSealedColumns({
  name: "integrations.platform_oauth_apps",
  table: "platform_oauth_apps",
  key: "provider",
  perWorkspace: false,
  columns: [{ column: "client_secret_encrypted", sealedWith: "platform", purpose: (r) => `platform_oauth_app:${r.provider}` }],
});
