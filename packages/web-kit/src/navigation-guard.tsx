/**
 * Blocks in-app navigation while a portal holds unsaved work, under the shell's declarative
 * `BrowserRouter`. React Router's `useBlocker` needs a data router, which would add about 14 KiB
 * gzip to the shell, past its 150 KiB budget (docs/decisions/014-navigation-guard.md).
 *
 * `<NavigationGuard>` sits inside the router. It re-provides the router's navigation context
 * with a navigator that asks the registered blockers before every push and replace (links,
 * `useNavigate`, `<Navigate>`), and it sees back/forward (`popstate`) before the router does:
 * when a blocker objects it swallows the event and steps back to the entry the person was on,
 * using the `idx` React Router's browser history keeps in `history.state`.
 *
 * `useNavigationBlocker(when)` is the portal side; its result has the shape of React Router's
 * `useBlocker`. web-kit is a federation singleton, so the shell's guard and a portal's hook share
 * one context. Without a guard above it (a portal rendered on its own) the hook never blocks.
 */
import { createContext, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { UNSAFE_NavigationContext as NavigationContext, useLocation, type Location, type Path, type To } from "react-router-dom";

/** Where a blocked navigation was going: the resolved path and its history state. */
export interface NextLocation extends Path {
  state: unknown;
}

/** Decides whether a navigation must wait for the person's answer. */
export type BlockerFunction = (args: { currentLocation: Location; nextLocation: NextLocation; historyAction: "PUSH" | "REPLACE" | "POP" }) => boolean;

/** Like React Router's `Blocker`: `proceed` carries out the held navigation, `reset` drops it. */
export type Blocker =
  | { state: "unblocked"; location: undefined; proceed: undefined; reset: undefined }
  | { state: "blocked"; location: NextLocation; proceed: () => void; reset: () => void };

interface Registration {
  /** returns true when it holds the navigation; `go` carries it out without asking again */
  hold: (args: Parameters<BlockerFunction>[0], go: () => void) => boolean;
}

const Registry = createContext<Set<Registration> | null>(null);

function toPath(to: To): Path {
  const { pathname = "/", search = "", hash = "" } = typeof to === "string" ? new URL(to, "http://in.app") : to;
  return { pathname, search, hash };
}

/** Provides navigation blocking to everything below it; place it directly inside the router. */
export function NavigationGuard({ children }: { children: ReactNode }) {
  const parent = useContext(NavigationContext);
  const location = useLocation();
  const [registry] = useState(() => new Set<Registration>());
  const current = useRef({ location, idx: undefined as number | undefined });

  useLayoutEffect(() => {
    current.current = { location, idx: window.history.state?.idx };
  }, [location]);

  const value = useMemo(() => {
    const nav = parent.navigator;
    const ask = (historyAction: "PUSH" | "REPLACE" | "POP", nextLocation: NextLocation, go: () => void) => {
      const args = { currentLocation: current.current.location, nextLocation, historyAction };
      for (const r of registry) if (r.hold(args, go)) return true;
      return false;
    };
    const guarded = (method: "push" | "replace") => (to: To, state?: unknown, opts?: object) => {
      const go = () => nav[method](to, state, opts);
      if (!ask(method === "push" ? "PUSH" : "REPLACE", { ...toPath(to), state }, go)) go();
    };
    return {
      ask,
      context: {
        ...parent,
        navigator: {
          createHref: (to: To) => nav.createHref(to),
          encodeLocation: nav.encodeLocation && ((to: To) => nav.encodeLocation!(to)),
          go: (delta: number) => nav.go(delta),
          push: guarded("push"),
          replace: guarded("replace"),
        },
      },
    };
  }, [parent, registry]);

  // A layout effect of a child runs before the router's own (history.listen), and capture runs
  // first at the window, so this listener sees each popstate before the router does.
  useLayoutEffect(() => {
    let reverting = false;
    let passing = false;
    const onPop = (event: PopStateEvent) => {
      if (reverting) {
        reverting = false;
        event.stopImmediatePropagation();
        return;
      }
      if (passing) {
        passing = false;
        return;
      }
      const from = current.current.idx;
      const to = event.state?.idx;
      if (typeof from !== "number" || typeof to !== "number" || from === to) return;
      const { pathname, search, hash } = window.location;
      const held = value.ask("POP", { pathname, search, hash, state: event.state?.usr }, () => {
        passing = true;
        window.history.go(to - from);
      });
      if (!held) return;
      event.stopImmediatePropagation();
      reverting = true;
      window.history.go(from - to);
    };
    window.addEventListener("popstate", onPop, true);
    return () => window.removeEventListener("popstate", onPop, true);
  }, [value]);

  return (
    <Registry.Provider value={registry}>
      <NavigationContext.Provider value={value.context}>{children}</NavigationContext.Provider>
    </Registry.Provider>
  );
}

/**
 * Holds in-app navigation while `when` is true (or returns true for that navigation), until
 * `proceed()` or `reset()`. Only one navigation is held at a time; a newer one replaces it.
 * When the component unmounts while holding one, that navigation goes ahead (nothing is left to
 * protect, e.g. after signing out).
 */
export function useNavigationBlocker(when: boolean | BlockerFunction): Blocker {
  const registry = useContext(Registry);
  const whenRef = useRef(when);
  const [held, setHeld] = useState<{ location: NextLocation; go: () => void } | null>(null);
  const heldRef = useRef(held);

  useLayoutEffect(() => {
    whenRef.current = when;
    heldRef.current = held;
  });

  useEffect(() => {
    if (!registry) return;
    const registration: Registration = {
      hold: (args, go) => {
        const w = whenRef.current;
        if (!(typeof w === "function" ? w(args) : w)) return false;
        setHeld({ location: args.nextLocation, go });
        return true;
      },
    };
    registry.add(registration);
    return () => {
      registry.delete(registration);
      heldRef.current?.go();
    };
  }, [registry]);

  if (!held) return { state: "unblocked", location: undefined, proceed: undefined, reset: undefined };
  return {
    state: "blocked",
    location: held.location,
    proceed: () => {
      heldRef.current = null;
      setHeld(null);
      held.go();
    },
    reset: () => {
      heldRef.current = null;
      setHeld(null);
    },
  };
}
