/** The NeighbourHood wordmark (decorative mark + name). */
export function Logo() {
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
