/** The developer portal's first screen: the workspace's API keys; create (shown once) and revoke. */
import { ApiKeysScreen } from "@nhood/web-kit/api-keys";

export function ApiKeysPage() {
  return (
    <ApiKeysScreen
      description="Keys your backend uses to call the NeighbourHood API."
      emptyText="Your backend needs an API key to create connect sessions for your end users, send events and trigger workflows. Create one and keep it secret."
    />
  );
}
