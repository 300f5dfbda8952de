/**
 * The portal registry: which federated portals a caller may open, and where each one's
 * `mf-manifest.json` lives. `PORTAL_<NAME>_MANIFEST_URL` overrides a portal's manifest
 * (e.g. a portal deployed on its own CDN).
 */
import type { Portal, PortalName, PlatformRole, WorkspaceRole } from "@nhood/contracts";

const catalogue: Record<PortalName, { display_name: string; opens: (who: Who) => boolean }> = {
  admin: { display_name: "Platform admin", opens: (w) => w.platformRole !== null },
  developer: { display_name: "Developer", opens: (w) => w.roles.some((r) => r === "owner" || r === "admin" || r === "developer") },
  employee: { display_name: "Sales", opens: (w) => w.roles.some((r) => r === "sales_manager" || r === "sales_rep" || r === "owner" || r === "admin") },
  project: { display_name: "Workspace", opens: (w) => w.roles.length > 0 },
  client: { display_name: "My apps", opens: (w) => w.endUser },
};

export interface Who {
  endUser: boolean;
  platformRole: PlatformRole | null;
  roles: WorkspaceRole[];
}

export function portalsFor(who: Who): Portal[] {
  return (Object.keys(catalogue) as PortalName[])
    .filter((name) => catalogue[name].opens(who))
    .map((name) => ({
      name,
      display_name: catalogue[name].display_name,
      route: `/${name}`,
      manifest_url: process.env[`PORTAL_${name.toUpperCase()}_MANIFEST_URL`] ?? `/remotes/${name}/mf-manifest.json`,
    }));
}
