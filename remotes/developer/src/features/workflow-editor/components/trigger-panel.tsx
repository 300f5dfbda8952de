/** Edits the trigger: webhook path (and signature check), cron + time zone, or an event type with an optional CEL filter. */
import { Input, Select } from "@nhood/design-system";
import type { Draft } from "../model/definition";

const TRIGGER_OPTIONS = [
  { value: "webhook", label: "a webhook is called" },
  { value: "schedule", label: "a schedule ticks" },
  { value: "event", label: "an event arrives (POST /api/v1/events or a platform event)" },
  { value: "manual", label: "someone runs it by hand" },
];

export interface TriggerPanelProps {
  trigger: Draft["trigger"];
  problems: Map<string, string[]>;
  webhookUrl: string | null;
  onChange: (t: Draft["trigger"]) => void;
}

export function TriggerPanel({ trigger, problems, webhookUrl, onChange }: TriggerPanelProps) {
  const err = (f: string) => problems.get(f)?.join("; ");
  const setType = (type: string) =>
    onChange(
      type === "webhook"
        ? { type, path: "/my-hook" }
        : type === "schedule"
          ? { type, cron: "0 9 * * 1-5", timezone: "UTC" }
          : type === "event"
            ? { type, event: "lead.created" }
            : { type: "manual" },
    );
  return (
    <section aria-label="Trigger" className="flex flex-col gap-3">
      <h3 className="text-sm font-semibold">Trigger</h3>
      <Select label="Starts when" value={trigger.type} onChange={(e) => setType(e.target.value)} options={TRIGGER_OPTIONS} />
      {trigger.type === "webhook" && (
        <>
          <Input
            label="Webhook path"
            value={trigger.path}
            error={err("path")}
            hint={webhookUrl ? `Live at ${webhookUrl}` : "POST /webhooks/{workspace id}{path} once published"}
            onChange={(e) => onChange({ ...trigger, path: e.target.value })}
          />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={!!trigger.verify_signature} onChange={(e) => onChange({ ...trigger, verify_signature: e.target.checked })} />
            Require a Standard Webhooks signature (workspace webhook secret)
          </label>
        </>
      )}
      {trigger.type === "schedule" && (
        <>
          <Input
            label="Cron expression"
            value={trigger.cron}
            error={err("cron")}
            hint="minute hour day month weekday, e.g. 0 9 * * 1-5"
            onChange={(e) => onChange({ ...trigger, cron: e.target.value })}
          />
          <Input
            label="Time zone (IANA)"
            value={trigger.timezone ?? "UTC"}
            error={err("timezone")}
            onChange={(e) => onChange({ ...trigger, timezone: e.target.value })}
          />
        </>
      )}
      {trigger.type === "event" && (
        <>
          <Input
            label="Event type"
            value={trigger.event}
            error={err("event")}
            hint="a type you send with POST /api/v1/events (e.g. order.paid) or a platform event (lead.created, execution.failed)"
            onChange={(e) => onChange({ ...trigger, event: e.target.value })}
          />
          <Input
            label="Filter (optional)"
            value={trigger.filter ?? ""}
            error={err("filter")}
            hint="a CEL condition over payload and event, e.g. payload.amount > 100; the run sees the payload plus event {id, type, client_event_id}"
            onChange={(e) => onChange({ ...trigger, filter: e.target.value.trim() ? e.target.value : undefined })}
          />
        </>
      )}
    </section>
  );
}
