/** Top bar: portals of the signed-in person, workspace switcher, who is signed in, their account security, sign out. */
import { Button } from "@nhood/design-system";
import { signOut, switchWorkspace, useIdentity, useSession } from "@nhood/web-kit";
import { useMutation } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { Logo } from "../../../components/logo";
import { PortalNav } from "./portal-nav";
import { WorkspaceSwitcher } from "./workspace-switcher";

export function AppHeader() {
  const me = useSession((s) => s.me);
  const portals = useSession((s) => s.portals);
  const identity = useIdentity();
  const navigate = useNavigate();
  const switching = useMutation({
    mutationFn: switchWorkspace,
    onSuccess: () => navigate("/", { replace: true }),
  });
  const leaving = useMutation({ mutationFn: signOut, onSuccess: () => navigate("/", { replace: true }) });
  const memberships = me?.kind === "user" ? me.user.memberships : [];

  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-8 gap-y-3 px-4 py-3 sm:px-6">
        <Logo />
        <PortalNav portals={portals} />
        <div className="ml-auto flex items-center gap-4">
          {memberships.length > 1 && (
            <WorkspaceSwitcher
              memberships={memberships}
              activeId={me?.workspace?.id ?? null}
              pending={switching.isPending}
              error={switching.error}
              onSwitch={(id) => switching.mutate(id)}
            />
          )}
          {identity && (
            <div className="hidden text-right leading-tight sm:block">
              <p className="text-sm font-medium text-fg">{identity.name}</p>
              {identity.email && <p className="text-xs text-fg-muted">{identity.email}</p>}
            </div>
          )}
          {me?.kind === "user" && (
            <Link to="/account/security" className="text-sm font-medium text-brand-text underline">
              Account security
            </Link>
          )}
          <Button variant="secondary" size="sm" loading={leaving.isPending} onClick={() => leaving.mutate()}>
            Sign out
          </Button>
        </div>
      </div>
    </header>
  );
}
