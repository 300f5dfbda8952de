/**
 * API keys of the workspace (seed 003 §5.2, §6.1, §12.2 "API key management"): list with key id,
 * scopes, created and last used; create (the secret shown once, with the X-API-Key /
 * X-API-Secret pair); revoke after confirmation.
 */
import { ApiKeysScreen } from "@nhood/web-kit/api-keys";

export function ApiKeysPage() {
  return (
    <ApiKeysScreen
      description="Your servers send events and manage users with these: the key id as X-API-Key and the secret as X-API-Secret."
      emptyText="Your backend needs an API key to send events to this workspace. Create one, store its secret in your secret manager, and revoke it when it is no longer used."
      showHeaderPair
    />
  );
}
