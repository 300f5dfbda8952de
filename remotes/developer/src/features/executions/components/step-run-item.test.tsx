import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { StepRunItem } from "./step-run-item";

describe("StepRunItem", () => {
  it("shows status, attempts, duration, input, output and error", () => {
    render(
      <ol>
        <StepRunItem
          stepId="notify"
          label="slack.send_message"
          run={{
            step_id: "notify",
            status: "failed",
            input: { text: "Hi Ada" },
            output: null,
            error: "slack answered 503",
            attempts: 3,
            reused: false,
            started_at: "2026-01-01T00:00:00Z",
            finished_at: "2026-01-01T00:00:01Z",
            duration_ms: 1250,
          }}
        />
      </ol>,
    );
    expect(screen.getByText("failed")).toBeInTheDocument();
    expect(screen.getByText("3 attempts")).toBeInTheDocument();
    expect(screen.getByText("1.3 s")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("slack answered 503");
    expect(screen.getByText(/"text": "Hi Ada"/)).toBeInTheDocument();
  });

  it("shows a step that has not started as pending", () => {
    render(
      <ol>
        <StepRunItem stepId="later" label="core.transform" run={undefined} />
      </ol>,
    );
    expect(screen.getByText("pending")).toBeInTheDocument();
  });
});
