import type { ReactNode } from "react";

export interface EmptyStateProps {
  title: ReactNode;
  /** what this list is for and what to do next */
  children?: ReactNode;
  /** usually a Button or link that starts the next step */
  action?: ReactNode;
  /** level of the title heading: 2 on a page under its h1 (default), 3 inside a Card */
  headingLevel?: 2 | 3;
}

/** Shown instead of an empty list: says what belongs here and how to get started. */
export function EmptyState({ title, children, action, headingLevel = 2 }: EmptyStateProps) {
  const Heading = headingLevel === 3 ? "h3" : "h2";
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-line-strong bg-surface px-6 py-12 text-center">
      <div aria-hidden="true" className="mb-4 flex size-12 items-center justify-center rounded-full bg-brand-soft text-brand-text">
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8">
          <path d="M4 7h16M4 12h16M4 17h10" strokeLinecap="round" />
        </svg>
      </div>
      <Heading className="text-base font-semibold text-fg">{title}</Heading>
      {children && <div className="mt-2 max-w-md text-sm text-fg-muted">{children}</div>}
      {action && <div className="mt-6">{action}</div>}
    </div>
  );
}
