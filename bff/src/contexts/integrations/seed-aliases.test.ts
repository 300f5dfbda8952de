/**
 * Seed 001's field names as aliases of ours (issue #14 part 3), on the action request builders:
 * the step config as the seed writes it, validated by the registered action's input schema, and
 * the request the provider receives.
 */
import { describe, expect, it } from "vitest";
import { findAction } from "./actions";
import { createIssueRequest } from "./providers/jira";
import { COMPANY_NOT_PROVIDED, createLeadRequest } from "./providers/salesforce";
import { createTicketRequest } from "./providers/zendesk";
import "./providers";

/** The config after the registered action's input schema (throws with the first issue's path). */
function parsed(provider: string, action: string, config: unknown) {
  const result = findAction(provider, action)!.input.safeParse(config);
  if (!result.success) throw new Error(`/${result.error.issues[0]!.path.join("/")}: ${result.error.issues[0]!.message}`);
  return result.data as never;
}

describe("jira.create_issue", () => {
  it("takes the seed's project, issuetype and priority and sends them as Jira's fields", () => {
    const seed = { project: "SUP", issuetype: "Bug", summary: "Login broken", description: "Steps:\nclick", priority: "High" };
    expect(createIssueRequest(parsed("jira", "create_issue", seed))).toEqual({
      method: "POST",
      path: "/issue",
      json: {
        fields: {
          project: { key: "SUP" },
          summary: "Login broken",
          issuetype: { name: "Bug" },
          priority: { name: "High" },
          description: {
            type: "doc",
            version: 1,
            content: [
              { type: "paragraph", content: [{ type: "text", text: "Steps:" }] },
              { type: "paragraph", content: [{ type: "text", text: "click" }] },
            ],
          },
        },
      },
    });
  });

  it("keeps our names (project_key, issue_type; Task by default), numeric ids as ids, and asks for a project", () => {
    expect(createIssueRequest(parsed("jira", "create_issue", { project_key: "OPS", summary: "S" })).json).toEqual({
      fields: { project: { key: "OPS" }, summary: "S", issuetype: { name: "Task" } },
    });
    expect(createIssueRequest(parsed("jira", "create_issue", { project: "10001", summary: "S", issue_type: "Story", priority: "2" })).json).toEqual({
      fields: { project: { id: "10001" }, summary: "S", issuetype: { name: "Story" }, priority: { id: "2" } },
    });
    expect(() => parsed("jira", "create_issue", { summary: "S" })).toThrow("/project_key: project_key (or project) is required");
    expect(() => parsed("jira", "create_issue", { project: "not a key", summary: "S" })).toThrow(/^\/project: a project key such as SUP/);
  });
});

describe("zendesk.create_ticket", () => {
  it("takes the seed's description as the ticket's first comment", () => {
    const seed = { subject: "Printer on fire", description: "It is on fire", priority: "normal" };
    expect(createTicketRequest(parsed("zendesk", "create_ticket", seed))).toEqual({
      method: "POST",
      path: "/tickets",
      json: { ticket: { subject: "Printer on fire", comment: { body: "It is on fire" }, priority: "normal" } },
    });
  });

  it("keeps body (which wins over description) and asks for one of them", () => {
    expect(createTicketRequest(parsed("zendesk", "create_ticket", { subject: "S", body: "B", description: "D" })).json).toMatchObject({
      ticket: { comment: { body: "B" } },
    });
    expect(() => parsed("zendesk", "create_ticket", { subject: "S" })).toThrow("/body: body (or description) is required");
  });
});

describe("salesforce.create_lead", () => {
  it("sends Salesforce's own placeholder Company when the step names none, as the seed's first example does", () => {
    const seed = { first_name: "John", last_name: "Doe", email: "john@example.com" };
    expect(COMPANY_NOT_PROVIDED).toBe("[not provided]");
    expect(createLeadRequest(parsed("salesforce", "create_lead", seed))).toEqual({
      method: "POST",
      path: "/sobjects/Lead",
      json: { LastName: "Doe", Company: "[not provided]", FirstName: "John", Email: "john@example.com", Phone: undefined },
    });
    expect(createLeadRequest(parsed("salesforce", "create_lead", { ...seed, company: "Acme" })).json).toMatchObject({ Company: "Acme" });
    expect(() => parsed("salesforce", "create_lead", { email: "john@example.com" })).toThrow(/^\/last_name:/);
  });
});
