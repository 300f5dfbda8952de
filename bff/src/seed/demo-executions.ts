/**
 * A day of the demo's executions (issue #14 part 4): "Welcome New Customer" runs spread over the
 * last 24 hours — successes, one whose Slack step succeeded on its second attempt after a 429, and
 * one that failed at Salesforce — so the executions screens are not empty on a fresh start. They
 * are test executions (the demo workspace is in test mode), with the sandbox's answers as outputs.
 */
import { executions, stepRuns } from "../contexts/workflows/schema";
import type { Tx } from "../db/client";

const CUSTOMERS = [
  ["Ada", "Lovelace"],
  ["Grace", "Hopper"],
  ["Alan", "Turing"],
  ["Katherine", "Johnson"],
  ["Edsger", "Dijkstra"],
  ["Barbara", "Liskov"],
  ["Donald", "Knuth"],
  ["Margaret", "Hamilton"],
  ["Tim", "Berners-Lee"],
  ["Radia", "Perlman"],
  ["John", "McCarthy"],
  ["Frances", "Allen"],
] as const;

/** Inserts 12 finished executions of workflow `workflowId` (version 1), one every two hours back from now. */
export async function seedDemoExecutions(tx: Tx, workspaceId: string, workflowId: string): Promise<void> {
  const now = Date.now();
  const runs = CUSTOMERS.map(([first, last], i) => {
    const created = new Date(now - (i * 2 + 1) * 3_600_000 - 17 * 60_000 * (i % 3));
    const outcome = i === 4 ? "failed" : i === 7 ? "retried" : "succeeded";
    return { i, first, last, created, outcome, id: crypto.randomUUID() };
  });
  await tx.insert(executions).values(
    runs.map((r) => {
      const finished = new Date(r.created.getTime() + (r.outcome === "retried" ? 2_400 : 420));
      return {
        id: r.id,
        workspaceId,
        workflowId,
        version: 1,
        test: true,
        triggerType: "webhook",
        triggerKey: `demo:${r.i}`,
        triggerPayload: { customer: { name: `${r.first} ${r.last}`, first_name: r.first, last_name: r.last, email: `${r.first.toLowerCase()}@customer.test` } },
        status: r.outcome === "failed" ? ("failed" as const) : ("succeeded" as const),
        error:
          r.outcome === "failed"
            ? 'step salesforce_create_lead: salesforce answered 400: [{"message":"Email: invalid email address: not-an-email","errorCode":"INVALID_EMAIL_ADDRESS","fields":["Email"]}]'
            : null,
        deadlineAt: new Date(r.created.getTime() + 3_600_000),
        createdAt: r.created,
        startedAt: r.created,
        finishedAt: finished,
      };
    }),
  );
  const steps = runs.flatMap((r) => {
    const t0 = r.created.getTime();
    const ts = `${Math.floor(t0 / 1000)}.${String(100_000 + r.i).padStart(6, "0")}`;
    const slack = {
      workspaceId,
      executionId: r.id,
      stepId: "slack_send_message",
      status: "succeeded" as const,
      input: { channel: "#sales", text: `New customer: ${r.first} ${r.last}` },
      output: {
        ok: true,
        channel: "C2353414C65",
        ts,
        message: { type: "message", text: `New customer: ${r.first} ${r.last}`, user: "U0SANDBOX1", bot_id: "B0SANDBOX1", ts },
      },
      error: r.outcome === "retried" ? 'slack answered 429: {"ok":false,"error":"ratelimited"}' : null,
      attempts: r.outcome === "retried" ? 2 : 1,
      startedAt: new Date(t0),
      finishedAt: new Date(t0 + (r.outcome === "retried" ? 2_100 : 180)),
      durationMs: r.outcome === "retried" ? 120 : 180,
      createdAt: new Date(t0),
    };
    const email = r.outcome === "failed" ? "not-an-email" : `${r.first.toLowerCase()}@customer.test`;
    const sfStart = t0 + (r.outcome === "retried" ? 2_150 : 200);
    const salesforce = {
      workspaceId,
      executionId: r.id,
      stepId: "salesforce_create_lead",
      status: r.outcome === "failed" ? ("failed" as const) : ("succeeded" as const),
      input: { first_name: r.first, last_name: r.last, email },
      output: r.outcome === "failed" ? null : { id: `00Q5g00000${String(r.i + 1).padStart(6, "0")}AA`.slice(0, 18), success: true, errors: [] },
      error:
        r.outcome === "failed"
          ? 'salesforce answered 400: [{"message":"Email: invalid email address: not-an-email","errorCode":"INVALID_EMAIL_ADDRESS","fields":["Email"]}]'
          : null,
      attempts: 1,
      startedAt: new Date(sfStart),
      finishedAt: new Date(sfStart + 220),
      durationMs: 220,
      createdAt: new Date(sfStart),
    };
    return [slack, salesforce];
  });
  await tx.insert(stepRuns).values(steps);
}
