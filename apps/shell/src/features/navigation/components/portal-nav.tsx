import type { Portal } from "@nhood/contracts";
import { cx } from "@nhood/design-system";
import { NavLink } from "react-router-dom";

/** Links to the portals the person may open (current one marked with aria-current). */
export function PortalNav({ portals }: { portals: Portal[] }) {
  if (portals.length === 0) return null;
  return (
    <nav aria-label="Portals">
      <ul className="flex flex-wrap gap-1">
        {portals.map((p) => (
          <li key={p.name}>
            <NavLink
              to={p.route}
              className={({ isActive }) =>
                cx(
                  "rounded-md px-3 py-2 text-sm font-medium",
                  isActive ? "bg-brand-soft text-brand-text" : "text-fg-muted hover:bg-surface-muted hover:text-fg",
                )
              }
            >
              {p.display_name}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
