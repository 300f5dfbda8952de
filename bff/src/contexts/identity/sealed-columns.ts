/**
 * Identity's sealed columns, declared for key rotation (kernel/sealed-secrets.ts, decision 030).
 * All are sealed with the platform key (`encryptForPlatform`), so only a master key rotation
 * re-seals them: publishable keys' user-hash secrets, TOTP secrets, workspaces' SSO client secrets.
 */
import { registerSealedColumns } from "../../kernel/sealed-secrets";

registerSealedColumns({
  name: "identity.publishable_keys",
  table: "publishable_keys",
  key: "id",
  perWorkspace: true,
  columns: [{ column: "user_hash_secret", sealedWith: "platform", purpose: () => "publishable_keys.user_hash_secret" }],
});
registerSealedColumns({
  name: "identity.mfa_factors",
  table: "mfa_factors",
  key: "id",
  perWorkspace: false,
  extra: ["user_id"],
  columns: [{ column: "secret_encrypted", sealedWith: "platform", purpose: (r) => `mfa_factors.secret:${r.user_id}` }],
});
registerSealedColumns({
  name: "identity.workspace_auth_settings",
  table: "workspace_auth_settings",
  key: "workspace_id",
  perWorkspace: true,
  columns: [{ column: "sso_client_secret_encrypted", sealedWith: "platform", purpose: (r) => `workspace_auth_settings.sso_client_secret:${r.workspace_id}` }],
});
