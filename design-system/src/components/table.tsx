import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cx } from "../lib/cx";

export interface TableProps extends HTMLAttributes<HTMLTableElement> {
  /** describes the table for assistive technology (visually hidden) */
  caption: ReactNode;
}

/**
 * A data table in a scrollable, bordered frame. Compose with THead, TBody, Tr, Th and Td.
 * The frame is a focusable, labelled region so keyboard users can scroll a wide table
 * (WCAG 2.1.1; axe `scrollable-region-focusable`).
 */
export function Table({ caption, className, children, ...rest }: TableProps) {
  return (
    <div
      className="overflow-x-auto rounded-lg border border-line bg-surface shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take keyboard focus to scroll (WCAG 2.1.1, axe scrollable-region-focusable)
      tabIndex={0}
      role="region"
      aria-label={typeof caption === "string" ? caption : "Table"}
    >
      <table className={cx("min-w-full border-collapse text-left text-sm", className)} {...rest}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return <thead className="border-b border-line bg-surface-muted">{children}</thead>;
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-line">{children}</tbody>;
}

export function Tr({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cx("hover:bg-surface-muted/60", className)} {...rest} />;
}

export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cx("px-4 py-2.5 text-xs font-semibold tracking-wide whitespace-nowrap text-fg-muted uppercase", className)} {...rest} />;
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cx("px-4 py-3 align-middle text-fg", className)} {...rest} />;
}
