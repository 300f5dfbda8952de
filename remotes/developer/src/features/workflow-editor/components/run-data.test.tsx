import type { ExecutionDetail } from "@nhood/contracts";
import { render, screen, within } from "@testing-library/react";
import { type NodeProps, ReactFlowProvider } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { nodeRuns, outputPreview, runOutputs } from "../model/run-data";
import { ActionNode, type StepFlowNode, TriggerNode } from "./flow-nodes";
import { RunDataPanel } from "./run-data-panel";

const AT = "2026-12-07T09:30:00.000Z";
const stepRun = (step_id: string, status: "succeeded" | "failed" | "skipped", input: unknown, output: unknown, error: string | null = null) => ({
  step_id,
  status,
  input,
  output,
  error,
  attempts: 1,
  reused: false,
  started_at: AT,
  finished_at: AT,
  duration_ms: 180,
});

/** A test run of a Welcome New Customer with a third step a condition skipped. */
const run: ExecutionDetail = {
  id: "8c9d0e1f-2a3b-4c5d-9e6f-7a8b9c0d1e2f",
  workflow_id: "3f1d2c4b-5a6e-4f70-8b9c-0d1e2f3a4b5c",
  workflow_name: "Welcome New Customer",
  version: 1,
  status: "failed",
  trigger_type: "manual",
  end_user_id: null,
  test: true,
  error: "step salesforce_create_lead: salesforce answered 400",
  rerun_of: null,
  created_at: AT,
  started_at: AT,
  finished_at: AT,
  trigger_payload: { customer: { name: "Ada Lovelace", email: "ada@example.com" } },
  steps: [],
  step_runs: [
    stepRun("slack_send_message", "succeeded", { channel: "#sales", text: "New customer: Ada Lovelace" }, { ok: true, channel: "C2353414C65" }),
    stepRun("salesforce_create_lead", "failed", { email: "not-an-email" }, null, "salesforce answered 400: INVALID_EMAIL_ADDRESS"),
    stepRun("notify_vip", "skipped", null, null),
  ],
};

/** Renders one canvas node the way FlowCanvas feeds it (data from `nodeRuns`). */
function node(id: string) {
  const r = nodeRuns(run).get(id);
  const data = { title: id, subtitle: "", problems: 0, status: r?.status, output: r?.output != null ? outputPreview(r.output) : undefined };
  const props = {
    id,
    data,
    type: "action",
    selected: false,
    dragging: false,
    zIndex: 0,
    isConnectable: true,
    positionAbsoluteX: 0,
    positionAbsoluteY: 0,
  } as unknown as NodeProps<StepFlowNode>;
  render(<ReactFlowProvider>{id === "trigger" ? <TriggerNode {...props} /> : <ActionNode {...props} />}</ReactFlowProvider>);
  return screen.getByTestId(id === "trigger" ? "trigger-node" : `step-node-${id}`);
}

describe("the last test run on the canvas", () => {
  it("shows a succeeded step in green with a preview of its output", () => {
    const el = node("slack_send_message");
    expect(el).toHaveAttribute("data-status", "succeeded");
    expect(within(el).getByTestId("node-status")).toHaveTextContent("succeeded");
    expect(within(el).getByTestId("node-status").className).toMatch(/emerald/);
    expect(within(el).getByTestId("node-output")).toHaveTextContent('output {"ok":true,"channel":"C2353414C65"}');
  });

  it("shows a failed step in red and a skipped one in grey, without an output line", () => {
    const failed = node("salesforce_create_lead");
    expect(within(failed).getByTestId("node-status").className).toMatch(/red/);
    expect(within(failed).queryByTestId("node-output")).toBeNull();
    const skipped = node("notify_vip");
    expect(within(skipped).getByTestId("node-status")).toHaveTextContent("skipped");
    expect(within(skipped).getByTestId("node-status").className).toMatch(/slate/);
  });

  it("shows the payload the trigger received on the trigger node", () => {
    const el = node("trigger");
    expect(el).toHaveAttribute("data-status", "triggered");
    expect(within(el).getByTestId("node-output")).toHaveTextContent('payload {"customer":{"name":"Ada Lovelace"');
  });

  it("cuts long outputs to one line, and completes from the outputs of succeeded steps only", () => {
    expect(outputPreview({ text: "x".repeat(100) })).toHaveLength(60);
    expect(runOutputs(run)).toEqual({ slack_send_message: { ok: true, channel: "C2353414C65" } });
    expect(nodeRuns(null).size).toBe(0);
  });
});

describe("the inspector's Last test run", () => {
  it("shows the selected step's input and output as JSON", () => {
    render(<RunDataPanel nodeId="slack_send_message" run={nodeRuns(run).get("slack_send_message")} hasRun />);
    expect(screen.getByLabelText("Input")).toHaveTextContent('"text": "New customer: Ada Lovelace"');
    expect(screen.getByLabelText("Output")).toHaveTextContent('"channel": "C2353414C65"');
    expect(screen.getByRole("region", { name: "Last test run" })).toHaveTextContent("succeeded");
  });

  it("shows a failed step's error and the trigger's payload", () => {
    const { unmount } = render(<RunDataPanel nodeId="salesforce_create_lead" run={nodeRuns(run).get("salesforce_create_lead")} hasRun />);
    expect(screen.getByRole("alert")).toHaveTextContent("INVALID_EMAIL_ADDRESS");
    unmount();
    render(<RunDataPanel nodeId="trigger" run={nodeRuns(run).get("trigger")} hasRun />);
    expect(screen.getByLabelText("Trigger payload")).toHaveTextContent('"email": "ada@example.com"');
  });

  it("says what to do with no run yet, or when the run did not reach the step", () => {
    const { unmount } = render(<RunDataPanel nodeId="trigger" run={undefined} hasRun={false} />);
    expect(screen.getByText(/No test run yet\. Publish, then press Test run/)).toBeVisible();
    unmount();
    render(<RunDataPanel nodeId="added_later" run={undefined} hasRun />);
    expect(screen.getByText(/did not reach this step/)).toBeVisible();
  });
});
