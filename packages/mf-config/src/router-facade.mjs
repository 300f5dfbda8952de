/**
 * What the shared `react-router` / `react-router-dom` singleton provides: the declarative-router
 * subset of react-router (same version, production build) that the shell and portals use.
 *
 * Why: a shared module is provided whole (its namespace object), so sharing react-router as-is
 * ships all of it, RSC and server APIs included (about 57 KiB gzip, over the shell's budget).
 * Re-exporting a named subset lets webpack tree-shake the rest (about 15 KiB gzip left).
 * To use another router API, add it here; router-facade.test.mjs fails the test run when any
 * app imports a name that is not listed.
 */
export {
  BrowserRouter,
  MemoryRouter,
  Link,
  NavLink,
  Navigate,
  Outlet,
  Route,
  Routes,
  // web-kit's NavigationGuard wraps the navigator (docs/decisions/014-navigation-guard.md)
  UNSAFE_NavigationContext,
  createSearchParams,
  generatePath,
  matchPath,
  useHref,
  useInRouterContext,
  useLocation,
  useMatch,
  useNavigate,
  useOutletContext,
  useParams,
  useResolvedPath,
  useSearchParams,
} from "@nhood/react-router-impl";
