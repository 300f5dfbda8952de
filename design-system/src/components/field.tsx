import type { ReactNode } from "react";

export interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  children: ReactNode;
}

/** Label, control, hint and error message, wired together by id (used by Input and Select). */
export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-fg">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-fg-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

/** The aria-describedby value for a control inside a Field. */
export function describedBy(id: string, hint?: ReactNode, error?: ReactNode): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

export const controlClass =
  "h-10 w-full rounded-md border bg-surface px-3 text-sm text-fg shadow-sm placeholder:text-fg-muted " +
  "focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30 disabled:bg-surface-muted";
