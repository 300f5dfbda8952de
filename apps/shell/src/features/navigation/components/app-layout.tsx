/** The signed-in frame: skip link, header with navigation, and the routed portal below. */
import { Outlet } from "react-router-dom";
import { AppHeader } from "./app-header";

export function AppLayout() {
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <AppHeader />
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none sm:px-6">
        <Outlet />
      </main>
    </div>
  );
}
