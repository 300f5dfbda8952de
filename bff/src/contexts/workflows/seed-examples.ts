/** The seed's (001) example workflows, as written there; the demo seed publishes the first in Acme. */
import type { WorkflowDefinition } from "@nhood/contracts";

export const WELCOME_NEW_CUSTOMER: WorkflowDefinition = {
  name: "Welcome New Customer",
  trigger: { type: "webhook", path: "/new-customer" },
  steps: [
    { provider: "slack", action: "send_message", config: { channel: "#sales", text: "New customer: {{customer.name}}" } },
    { provider: "salesforce", action: "create_lead", config: { first_name: "{{customer.first_name}}", last_name: "{{customer.last_name}}", email: "{{customer.email}}" } },
  ],
};
