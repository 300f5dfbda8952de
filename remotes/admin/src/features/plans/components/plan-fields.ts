import type { PlanDefinition } from "@nhood/web-kit";

/** The numeric quotas of a plan, in display order; `null` means unlimited. */
export const QUOTA_FIELDS = [
  { key: "events_per_month", label: "Events / month" },
  { key: "notifications_per_month", label: "Notifications / month" },
  { key: "requests_per_hour", label: "API requests / hour" },
  { key: "users", label: "Users" },
  { key: "rules", label: "Rules" },
  { key: "sounds", label: "Sounds" },
] as const satisfies ReadonlyArray<{ key: keyof PlanDefinition; label: string }>;

export type QuotaKey = (typeof QUOTA_FIELDS)[number]["key"];

export const formatQuota = (v: number | null): string => (v === null ? "Unlimited" : v.toLocaleString());
export const formatPrice = (cents: number | null): string => (cents === null ? "Custom" : cents === 0 ? "Free" : `$${(cents / 100).toFixed(2)}/mo`);
