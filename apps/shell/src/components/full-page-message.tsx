import type { ReactNode } from "react";
import { Logo } from "./logo";

/** A centred card on the canvas, used before the app layout exists (loading, sign-in, connect). */
export function FullPageMessage({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 px-4">
      <Logo />
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
