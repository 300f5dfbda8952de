import type { ReactNode } from "react";
import { Skeleton } from "./skeleton";

export interface BrandedHeaderProps {
  /** null while the branding is loading */
  displayName: string | null;
  logoUrl: string | null;
  subtitle?: ReactNode;
}

/** A white-label header: the workspace's logo (with alt text) and name on its brand colour. */
export function BrandedHeader({ displayName, logoUrl, subtitle }: BrandedHeaderProps) {
  return (
    <header className="mb-8 flex items-center gap-4 rounded-xl bg-brand px-6 py-5 text-brand-contrast shadow-sm">
      {displayName === null ? (
        <>
          <Skeleton className="size-12 rounded-lg bg-white/30" />
          <Skeleton className="h-6 w-48 bg-white/30" />
          <span role="status" className="sr-only">
            Loading branding…
          </span>
        </>
      ) : (
        <>
          {logoUrl ? (
            <img src={logoUrl} alt={`${displayName} logo`} className="size-12 rounded-lg bg-white object-contain p-1" />
          ) : (
            <span aria-hidden="true" className="flex size-12 items-center justify-center rounded-lg bg-white/20 text-xl font-bold">
              {displayName.slice(0, 1).toUpperCase()}
            </span>
          )}
          <div>
            <p className="text-xl font-semibold">{displayName}</p>
            {subtitle && <p className="text-sm opacity-90">{subtitle}</p>}
          </div>
        </>
      )}
    </header>
  );
}
