/**
 * `@nhood/web-kit/api-keys`: the API-key table and dialogs the developer and project portals
 * share. A subpath of its own, outside the federation singleton `@nhood/web-kit`, so the shell
 * (which shows no API keys) does not carry it in its initial bundle; each portal bundles it.
 */
export { ApiKeysTable, type ApiKeysTableProps } from "./api-keys-table";
export { CreateApiKeyDialog, type CreateApiKeyDialogProps } from "./create-api-key-dialog";
export { RevokeApiKeyDialog, type RevokeApiKeyDialogProps } from "./revoke-api-key-dialog";
export { apiKeyStatus, type ApiKeyStatus } from "./api-key-status";
export { ApiKeysScreen, type ApiKeysScreenProps } from "./api-keys-screen";
export { useApiKeys, useCreateApiKey, useRevokeApiKey } from "./use-api-keys";
