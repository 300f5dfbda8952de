/**
 * Workflow templates (issue 16, decision 031): the seeds' example workflows, ready to open in
 * the editor as a draft. Seed 001's quick start ("Welcome New Customer": Slack and Salesforce)
 * and its Workflow Definition Language example ("Process Support Ticket": a condition between
 * Jira and Zendesk, then Slack), and a lead hand-off on the platform event `lead.created` (a new lead
 * to Slack and Salesforce). Each is parsed by the workflow contract, so a template that drifts from it fails
 * at start-up, not when someone picks it.
 */
import { workflowDefinitionSchema } from "@nhood/contracts";
import type { WorkflowTemplate } from "@nhood/contracts/onboarding";
import { PROCESS_SUPPORT_TICKET, WELCOME_NEW_CUSTOMER } from "./seed-examples";

const providersOf = (def: WorkflowTemplate["definition"]): string[] => [
  ...new Set(def.steps.flatMap((s) => ("provider" in s && typeof s.provider === "string" ? [s.provider] : []))),
];

function template(id: string, description: string, definition: unknown): WorkflowTemplate {
  const def = workflowDefinitionSchema.parse(definition);
  return { id, name: def.name, description, providers: providersOf(def), definition: def };
}

/** Every template, in the order the wizard shows them. */
export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
  template(
    "welcome-new-customer",
    "When your app posts a new customer to the webhook, tell the sales channel in Slack and create a lead in Salesforce (seed 001's quick start).",
    WELCOME_NEW_CUSTOMER,
  ),
  template(
    "process-support-ticket",
    "Triage support tickets: high priority ones become Jira issues, the others Zendesk tickets, and the support channel in Slack hears of each (seed 001's definition language example).",
    PROCESS_SUPPORT_TICKET,
  ),
  template("new-lead-to-sales", "When a lead arrives in the CRM, post it to the sales channel in Slack and create it in Salesforce.", {
    name: "New Lead to Sales",
    trigger: { type: "event", event: "lead.created" },
    steps: [
      { id: "notify_sales", provider: "slack", action: "send_message", config: { channel: "#sales", text: "New lead from {{source}}: {{name}} ({{email}})" } },
      {
        id: "create_lead",
        provider: "salesforce",
        action: "create_lead",
        config: { last_name: "{{name}}", email: "{{email}}" },
        depends_on: ["notify_sales"],
      },
    ],
  }),
];

/** The template `id`, or undefined. */
export const findTemplate = (id: string): WorkflowTemplate | undefined => WORKFLOW_TEMPLATES.find((t) => t.id === id);
