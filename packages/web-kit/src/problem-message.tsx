import { Button } from "@nhood/design-system";
import { describeError } from "./problem";

export interface ProblemMessageProps {
  error: unknown;
  /** shows a "Try again" button */
  onRetry?: () => void;
  /** what was being done, e.g. "Couldn't load API keys" (defaults to the problem's title) */
  title?: string;
}

/** An alert explaining an error: the problem's title and detail, each field error, a retry button. */
export function ProblemMessage({ error, onRetry, title }: ProblemMessageProps) {
  const problem = describeError(error);
  return (
    <div role="alert" className="rounded-lg border border-danger/30 bg-danger-soft p-4 text-sm">
      <p className="font-semibold text-danger">{title ?? problem.title}</p>
      {title && title !== problem.title && <p className="mt-1 text-fg">{problem.title}</p>}
      {problem.detail && <p className="mt-1 text-fg">{problem.detail}</p>}
      {problem.fields.length > 0 && (
        <ul className="mt-2 list-disc space-y-0.5 pl-5 text-fg">
          {problem.fields.map((f) => (
            <li key={`${f.field}:${f.detail}`}>
              <span className="font-medium">{f.field}</span>: {f.detail}
            </li>
          ))}
        </ul>
      )}
      {problem.requestId && <p className="mt-2 text-xs text-fg-muted">Request id: {problem.requestId}</p>}
      {onRetry && (
        <Button variant="secondary" size="sm" className="mt-3" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
