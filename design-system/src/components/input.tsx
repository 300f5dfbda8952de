import { forwardRef, useId, type InputHTMLAttributes, type ReactNode } from "react";
import { cx } from "../lib/cx";
import { controlClass, describedBy, Field } from "./field";

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  /** visible label (required: every input is labelled) */
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
}

/** A labelled text input with optional hint and error (announced through aria-describedby). */
export const Input = forwardRef<HTMLInputElement, InputProps>(function Input({ label, hint, error, id, className, ...rest }, ref) {
  const autoId = useId();
  const inputId = id ?? autoId;
  return (
    <Field id={inputId} label={label} hint={hint} error={error}>
      <input
        ref={ref}
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(inputId, hint, error)}
        className={cx(controlClass, error ? "border-danger" : "border-line-strong", className)}
        {...rest}
      />
    </Field>
  );
});
