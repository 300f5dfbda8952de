import { Input, Select } from "@nhood/design-system";
import type { Stage } from "@nhood/web-kit";
import type { LeadFilters } from "../api/use-leads";

/** Search, stage, CRM client and sort controls of the leads list. */
export function LeadFiltersBar({
  value,
  onChange,
  stages,
  clients,
  search,
  onSearch,
}: {
  value: LeadFilters;
  onChange: (f: LeadFilters) => void;
  stages: Stage[];
  clients: { client_id: string; name: string }[];
  search: string;
  onSearch: (q: string) => void;
}) {
  return (
    <div role="search" className="mb-3 grid gap-2 sm:grid-cols-4">
      <Input label="Search" type="search" placeholder="Name, email or phone" value={search} onChange={(e) => onSearch(e.target.value)} />
      <Select
        label="Stage"
        value={value.stage ?? ""}
        onChange={(e) => onChange({ ...value, stage: e.target.value || undefined })}
        options={[{ value: "", label: "All stages" }, ...stages.map((s) => ({ value: s.key, label: s.label }))]}
      />
      <Select
        label="CRM client"
        value={value.client_id ?? ""}
        onChange={(e) => onChange({ ...value, client_id: e.target.value || undefined })}
        options={[{ value: "", label: "All clients" }, ...clients.map((c) => ({ value: c.client_id, label: c.name }))]}
      />
      <Select
        label="Sort"
        value={value.sort ?? "newest"}
        onChange={(e) => onChange({ ...value, sort: e.target.value as "newest" | "oldest" })}
        options={[
          { value: "newest", label: "Newest first" },
          { value: "oldest", label: "Oldest first" },
        ]}
      />
    </div>
  );
}
