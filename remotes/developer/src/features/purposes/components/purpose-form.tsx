/** Create or edit a purpose: key, title, the notice end users read, and the providers it covers. */
import { Button, Input, toast } from "@nhood/design-system";
import { describeError, type Purpose } from "@nhood/web-kit";
import { useState, type FormEvent } from "react";
import { useSavePurpose } from "../api/use-purposes";

export function PurposeForm({ ws, editing, onDone }: { ws: string; editing: Purpose | null; onDone: () => void }) {
  const [v, setV] = useState({
    key: editing?.key ?? "",
    title: editing?.title ?? "",
    notice: editing?.notice ?? "",
    providers: editing?.providers.join(", ") ?? "",
  });
  const save = useSavePurpose(ws);
  const problem = save.error ? describeError(save.error) : null;
  const err = (f: string) => problem?.fields.find((x) => x.field === f || x.field.startsWith(`${f}.`))?.detail;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      { ...v, providers: v.providers.split(/[\s,]+/).filter(Boolean) },
      {
        onSuccess: (p) => {
          toast(`Saved “${p.title}” (notice v${p.version})`, { tone: "success" });
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" aria-label="Purpose">
      <Input
        id="purpose-key"
        label="Key"
        required
        disabled={editing !== null}
        value={v.key}
        onChange={(e) => setV({ ...v, key: e.target.value })}
        hint="e.g. crm_sync; used by workflows"
        error={err("key")}
      />
      <Input id="purpose-title" label="Title" required value={v.title} onChange={(e) => setV({ ...v, title: e.target.value })} error={err("title")} />
      <Input
        id="purpose-notice"
        label="Notice shown to end users"
        required
        value={v.notice}
        onChange={(e) => setV({ ...v, notice: e.target.value })}
        hint="Changing it creates a new notice version."
        error={err("notice")}
      />
      <Input
        id="purpose-providers"
        label="Providers it covers"
        value={v.providers}
        onChange={(e) => setV({ ...v, providers: e.target.value })}
        hint="Provider keys separated by commas; empty = every provider."
        error={err("providers")}
      />
      <div className="flex justify-end gap-2">
        {editing && (
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        )}
        <Button type="submit" loading={save.isPending}>
          {editing ? "Save purpose" : "Add purpose"}
        </Button>
      </div>
      {problem && problem.fields.length === 0 && (
        <p role="alert" className="text-sm text-danger">
          {problem.detail}
        </p>
      )}
    </form>
  );
}
