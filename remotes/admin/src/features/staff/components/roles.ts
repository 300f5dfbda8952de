import type { PlatformRole } from "@nhood/web-kit";

/** What each platform role may do, as shown next to the role picker. */
export const ROLE_OPTIONS: Array<{ value: PlatformRole; label: string }> = [
  { value: "super_admin", label: "Super admin — everything" },
  { value: "support", label: "Support — read-only" },
  { value: "billing", label: "Billing — plans and quotas" },
];
