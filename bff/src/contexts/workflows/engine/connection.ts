/**
 * Whose connection a provider step uses (issue #14 part 1, docs/decisions/020-test-mode-and-sandbox.md):
 * the step's `connection`, else the workflow's; with neither, the end user the trigger carries
 * when there is one, else the workspace's own connection. `{end_user: "<template>"}` is rendered
 * per run against the execution's scope and must give an end user id (our id or the workspace's
 * external id).
 */
import type { WorkflowDefinition } from "@nhood/contracts";
import type { ConnectionOwner } from "../../integrations";
import type { ActionNode } from "./definition";
import { render } from "./expressions";

/** Thrown when `{end_user: …}` renders to nothing usable; the step fails with this message. */
export class ConnectionChoiceFailed extends Error {}

/** The connection owner for one step of one run; `act` is the CEL activation of the run's scope. */
export function resolveConnection(
  step: Pick<ActionNode, "id" | "connection">,
  executionEndUserId: string | null,
  act: Record<string, unknown>,
): ConnectionOwner {
  const choice = step.connection;
  if (choice === "workspace") return { owner: "workspace" };
  if (choice && typeof choice === "object") {
    let value: unknown;
    try {
      value = render(choice.end_user, act);
    } catch (e) {
      throw new ConnectionChoiceFailed(
        `not_connected: the step's connection {end_user: "${choice.end_user}"} could not be evaluated for this run: ${(e as Error).message}`,
      );
    }
    const id = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
    if (!id) throw new ConnectionChoiceFailed(`not_connected: the step's connection {end_user: "${choice.end_user}"} gave no end user for this run`);
    return { owner: "end_user", endUserId: id };
  }
  return executionEndUserId ? { owner: "end_user", endUserId: executionEndUserId } : { owner: "workspace" };
}

/** One publish-time warning: a field of the definition and what may go wrong there. */
export interface ConnectionWarning {
  pointer: string;
  detail: string;
}

/**
 * Publish-time warnings (not errors): each provider step that will (or, for a webhook whose payload
 * carries no `end_user_id`, may) use the workspace's connection while the workspace has not
 * connected that provider yet. `needsConnection` says which providers take a connection;
 * `connected` is the set the workspace has.
 */
export function connectionWarnings(def: WorkflowDefinition, needsConnection: (provider: string) => boolean, connected: Set<string>): ConnectionWarning[] {
  const warnings: ConnectionWarning[] = [];
  def.steps.forEach((s, i) => {
    if (s.type === "condition" || !needsConnection(s.provider) || connected.has(s.provider)) return;
    const choice = s.connection ?? def.connection;
    if (choice && choice !== "workspace") return;
    const when =
      choice === "workspace"
        ? "uses"
        : def.trigger.type === "webhook"
          ? "uses, when the webhook's payload has no end_user_id,"
          : "uses (its trigger carries no end user)";
    warnings.push({
      pointer: `#/steps/${i}/provider`,
      detail: `step ${s.id ?? `${s.provider}_${s.action}`} ${when} the workspace's ${s.provider} connection, and the workspace has not connected ${s.provider} yet: live runs will fail there until it does (Connections in the developer portal); test executions use the sandbox.`,
    });
  });
  return warnings;
}
