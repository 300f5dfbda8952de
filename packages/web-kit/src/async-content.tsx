import { SkeletonList } from "@nhood/design-system";
import type { ReactNode } from "react";
import { ProblemMessage } from "./problem-message";

export interface AsyncContentProps {
  /** react-query's `status` of the data behind this content */
  status: "pending" | "error" | "success";
  error: unknown;
  onRetry: () => void;
  /** e.g. "Couldn't load API keys" */
  errorTitle: string;
  /** when true (and loaded) the `empty` node is shown instead of children */
  isEmpty: boolean;
  empty: ReactNode;
  loadingLabel?: string;
  children: ReactNode;
}

/** The four states of a screen backed by data: loading skeleton, problem + retry, empty state, content. */
export function AsyncContent({ status, error, onRetry, errorTitle, isEmpty, empty, loadingLabel, children }: AsyncContentProps) {
  if (status === "pending") return <SkeletonList label={loadingLabel} />;
  if (status === "error") return <ProblemMessage title={errorTitle} error={error} onRetry={onRetry} />;
  return <>{isEmpty ? empty : children}</>;
}
