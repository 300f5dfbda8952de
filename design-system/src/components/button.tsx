import { forwardRef, type ButtonHTMLAttributes } from "react";
import { cx } from "../lib/cx";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger" | "danger-subtle";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-brand text-brand-contrast hover:opacity-90 shadow-sm",
  secondary: "bg-surface text-fg border border-line-strong hover:bg-surface-muted shadow-sm",
  ghost: "bg-transparent text-fg hover:bg-surface-muted",
  danger: "bg-danger text-white hover:opacity-90 shadow-sm",
  "danger-subtle": "bg-transparent text-danger hover:bg-danger-soft",
};

const sizes = { sm: "h-8 px-3 text-sm", md: "h-10 px-4 text-sm" };

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: keyof typeof sizes;
  /** shows a spinner, disables the button and sets aria-busy */
  loading?: boolean;
}

/** A button; `type` defaults to "button" so it never submits a form by accident. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = "primary", size = "md", loading = false, className, disabled, children, type = "button", ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={cx(
        "inline-flex items-center justify-center gap-2 rounded-md font-medium whitespace-nowrap transition",
        "disabled:cursor-not-allowed disabled:opacity-60",
        variants[variant],
        sizes[size],
        className,
      )}
      {...rest}
    >
      {loading && <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent" />}
      {children}
    </button>
  );
});
