/** The seed's (001) example workflows, as written there; the demo seed publishes the first in Acme. */
import type { WorkflowDefinition, WorkflowDefinitionInput } from "@nhood/contracts";

export const WELCOME_NEW_CUSTOMER: WorkflowDefinition = {
  name: "Welcome New Customer",
  trigger: { type: "webhook", path: "/new-customer" },
  steps: [
    { provider: "slack", action: "send_message", config: { channel: "#sales", text: "New customer: {{customer.name}}" } },
    {
      provider: "salesforce",
      action: "create_lead",
      config: { first_name: "{{customer.first_name}}", last_name: "{{customer.last_name}}", email: "{{customer.email}}" },
    },
  ],
};

/**
 * Seed 001's "Workflow Definition Language" example, verbatim (the seed's JSON, keys quoted as
 * there): Jira's and Zendesk's fields under the seed's names (`project`, `issuetype`, `priority`,
 * `description`), which the provider actions take as aliases (issue #14 part 3).
 */
export const PROCESS_SUPPORT_TICKET: WorkflowDefinitionInput = {
  name: "Process Support Ticket",
  description: "Auto-triage and assign support tickets",
  trigger: {
    type: "webhook",
    path: "/support-ticket",
  },
  steps: [
    {
      id: "classify",
      type: "condition",
      condition: "{{ticket.priority}} == 'high'",
      then: ["create_jira"],
      else: ["send_to_zendesk"],
    },
    {
      id: "create_jira",
      provider: "jira",
      action: "create_issue",
      config: {
        project: "SUP",
        issuetype: "Bug",
        summary: "{{ticket.title}}",
        description: "{{ticket.description}}",
        priority: "High",
      },
      retry: { max_attempts: 3 },
    },
    {
      id: "send_to_zendesk",
      provider: "zendesk",
      action: "create_ticket",
      config: {
        subject: "{{ticket.title}}",
        description: "{{ticket.description}}",
        priority: "normal",
      },
    },
    {
      id: "notify_team",
      provider: "slack",
      action: "send_message",
      config: {
        channel: "#support",
        text: "New {{ticket.priority}} priority ticket: {{ticket.title}}",
      },
      depends_on: ["classify"],
    },
  ],
};
