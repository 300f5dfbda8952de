/**
 * The wordmark: NeighbourHood's mark and name, or on a workspace's custom domain that
 * workspace's logo and name (the branding the BFF wrote into the page, seed 003 §12.1).
 */
import { readHostBranding } from "@nhood/web-kit";

export function Logo() {
  const brand = readHostBranding();
  if (brand) {
    return (
      <span className="inline-flex items-center gap-2 text-base font-semibold tracking-tight text-fg" data-host-branded="">
        {brand.logo_url ? (
          <img src={brand.logo_url} alt={`${brand.display_name} logo`} className="size-7 rounded-md object-contain" />
        ) : (
          <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-md bg-brand text-sm font-bold text-brand-contrast">
            {brand.display_name.slice(0, 1).toUpperCase()}
          </span>
        )}
        {brand.display_name}
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-2 text-base font-semibold tracking-tight text-fg">
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-7">
        <rect width="32" height="32" rx="8" fill="#4338ca" />
        <path d="M9 22V10l14 12V10" stroke="white" strokeWidth="3" fill="none" strokeLinejoin="round" />
      </svg>
      NeighbourHood
    </span>
  );
}
