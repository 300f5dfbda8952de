import { forwardRef, useId, type ReactNode, type SelectHTMLAttributes } from "react";
import { cx } from "../lib/cx";
import { controlClass, describedBy, Field } from "./field";

export interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  options: Array<{ value: string; label: string }>;
}

/** A labelled native select (keyboard and screen-reader support come from the platform). */
export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select({ label, hint, error, options, id, className, ...rest }, ref) {
  const autoId = useId();
  const selectId = id ?? autoId;
  return (
    <Field id={selectId} label={label} hint={hint} error={error}>
      <select
        ref={ref}
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(selectId, hint, error)}
        className={cx(controlClass, "pr-8", error ? "border-danger" : "border-line-strong", className)}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
});
