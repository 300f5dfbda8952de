/**
 * Jira Cloud REST v3 simulator: create an issue, `POST /ex/jira/{cloudId}/rest/api/3/issue`
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post).
 * Success: 201 `{id, key, self}`. Errors: `{errorMessages: [], errors: {<field>: <message>}}`
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes).
 */
import { matchRoute, registerSimulator, type SandboxRequest } from "./registry";

const jiraError = (status: number, errors: Record<string, string>, errorMessages: string[] = []) => ({ status, body: { errorMessages, errors } });

const counters = new Map<string, number>();

function createIssue(req: SandboxRequest, cloudId: string) {
  if (!/^Bearer\s+\S+/.test(req.headers.get("authorization") ?? ""))
    return jiraError(401, {}, ["You are not authorized to perform this operation. Please log in."]);
  const fields = ((req.body as { fields?: Record<string, unknown> } | null)?.fields ?? {}) as Record<string, unknown>;
  const project = (fields.project ?? {}) as { key?: unknown; id?: unknown };
  const issuetype = (fields.issuetype ?? {}) as { name?: unknown; id?: unknown };
  const errors: Record<string, string> = {};
  if (!project.key && !project.id) errors.project = "Specify a valid project ID or key";
  else if (project.key !== undefined && !/^[A-Z][A-Z0-9_]+$/.test(String(project.key))) errors.project = `valid project is required`;
  if (typeof fields.summary !== "string" || !fields.summary.trim()) errors.summary = "You must specify a summary of the issue.";
  else if (fields.summary.length > 255) errors.summary = "Summary must be less than 255 characters.";
  if (!issuetype.name && !issuetype.id) errors.issuetype = "Specify an issue type";
  if (fields.description !== undefined && (typeof fields.description !== "object" || (fields.description as { type?: unknown })?.type !== "doc")) {
    errors.description = "Operation value must be an Atlassian Document (see the Atlassian Document Format)";
  }
  if (fields.priority !== undefined && !((fields.priority as { name?: unknown; id?: unknown })?.name || (fields.priority as { id?: unknown })?.id))
    errors.priority = "Specify the Priority (id or name) in the string format";
  if (Object.keys(errors).length) return jiraError(400, errors);
  const key = String(project.key ?? `P${project.id}`);
  const n = (counters.get(`${cloudId}:${key}`) ?? 0) + 1;
  counters.set(`${cloudId}:${key}`, n);
  const id = String(10_000 + n);
  return { status: 201, body: { id, key: `${key}-${n}`, self: `https://api.atlassian.com/ex/jira/${cloudId}/rest/api/3/issue/${id}` } };
}

registerSimulator(
  "jira",
  (req) => matchRoute(req, { "POST /ex/jira/:cloud/rest/api/3/issue": (p) => createIssue(req, p.cloud!) }, () => jiraError(404, {}, ["Not Found"])),
  (status, message) => jiraError(status, {}, [message]),
);
