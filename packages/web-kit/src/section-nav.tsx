import { NavLink } from "react-router-dom";
import { usePortalPath } from "./portal-frame";
import { cx } from "@nhood/design-system";

export interface SectionNavProps {
  label: string;
  /** `to` is a page of the portal, e.g. "api-keys" (made absolute with the portal's basename) */
  items: Array<{ to: string; label: string }>;
}

/** Tabs between a portal's pages, as links (the current one has aria-current="page"). */
export function SectionNav({ label, items }: SectionNavProps) {
  const base = usePortalPath();
  return (
    <nav aria-label={label} className="mb-6 border-b border-line">
      <ul className="-mb-px flex gap-6">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink
              to={`${base.replace(/\/$/, "")}/${item.to}`}
              className={({ isActive }) =>
                cx(
                  "inline-block border-b-2 px-1 pb-3 text-sm font-medium",
                  isActive ? "border-brand text-brand-text" : "border-transparent text-fg-muted hover:border-line-strong hover:text-fg",
                )
              }
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
