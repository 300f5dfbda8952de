/** Example values shared by the integrations route docs (route-docs.ts, route-docs-client.ts); shapes follow @nhood/contracts. */
export const WS = "0b7c3f52-6a1e-4d8b-9c2f-5e4a3b2c1d0e";
export const EU = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d";
export const EVENT = "6e7f8a9b-0c1d-4e2f-9a3b-4c5d6e7f8a9b";
export const AT = "2026-12-07T09:30:00.000Z";

export const endUser = { id: EU, external_user_id: "user_xyz", email: "ada@example.com", name: "Ada Lovelace", created_at: "2026-12-01T08:00:00.000Z" };

export const slack = {
  key: "slack",
  name: "Slack",
  category: "communication",
  auth_kind: "oauth2",
  scopes: ["chat:write", "channels:read"],
  credential_fields: [],
  config_fields: [],
  base_url: "https://slack.com/api",
  docs_url: "https://api.slack.com/web",
  logo_url: "/api/v1/integrations/providers/slack/logo.svg",
  color: "#4A154B",
  actions: [{ key: "slack.send_message", title: "Send a message" }],
};

export const connection = {
  id: "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",
  provider: "slack",
  status: "active",
  scopes: ["chat:write", "channels:read"],
  created_at: AT,
  expires_at: "2026-12-07T21:30:00.000Z",
  last_error: null,
  last_refreshed_at: null,
  config: { team_id: "T024BE7LD" },
};

export const purpose = {
  id: "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
  key: "crm_sync",
  title: "Sync your contacts to our CRM",
  notice: "We copy your contacts to Salesforce to follow up on orders.",
  version: 2,
  providers: ["salesforce"],
  updated_at: AT,
};

export const endUserPurpose = { ...purpose, granted: true, consented_version: 2, consent_updated_at: AT };

export const consentEntry = {
  id: "4e5f6a7b-8c9d-4e0f-8a1b-2c3d4e5f6a7b",
  purpose: "crm_sync",
  granted: true,
  notice_version: 2,
  method: "client_portal",
  at: AT,
};
