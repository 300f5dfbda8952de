/** Admins edit the pipeline's stages: labels, order, won/lost flags, new stages (saved all at once). */
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Dialog, Input } from "@nhood/design-system";
import { ProblemMessage, api, type Stage } from "@nhood/web-kit";

const keyOf = (label: string) =>
  label
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/^(\d)/, "s_$1")
    .slice(0, 32);

export function StagesEditor({ ws, stages }: { ws: string; stages: Stage[] }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Stage[]>(stages);
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (items: Stage[]) => api.crm.setStages(ws, items),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["employee", ws] });
      setOpen(false);
    },
  });
  const update = (i: number, s: Partial<Stage>) => setDraft(draft.map((d, j) => (j === i ? { ...d, ...s } : d)));
  const move = (i: number, by: number) => {
    const next = [...draft];
    const [s] = next.splice(i, 1);
    next.splice(i + by, 0, s!);
    setDraft(next);
  };
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => {
          setDraft(stages);
          setOpen(true);
        }}
      >
        Edit stages
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Pipeline stages"
        description="New leads land in the first stage. Won and lost stages count as closed."
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button loading={save.isPending} onClick={() => save.mutate(draft)}>
              Save stages
            </Button>
          </>
        }
      >
        <ol className="flex flex-col gap-2">
          {draft.map((s, i) => (
            <li key={i} className="flex items-end gap-2">
              <Input
                label={`Stage ${i + 1}`}
                value={s.label}
                onChange={(e) => update(i, { label: e.target.value, key: stages.some((x) => x.key === s.key) ? s.key : keyOf(e.target.value) })}
              />
              <label className="flex items-center gap-1 text-xs">
                <input type="checkbox" checked={s.closed} onChange={(e) => update(i, { closed: e.target.checked })} />
                closed
              </label>
              <Button size="sm" variant="ghost" aria-label={`Move ${s.label} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                ↑
              </Button>
              <Button size="sm" variant="ghost" aria-label={`Move ${s.label} down`} disabled={i === draft.length - 1} onClick={() => move(i, 1)}>
                ↓
              </Button>
              <Button size="sm" variant="danger-subtle" aria-label={`Remove ${s.label}`} onClick={() => setDraft(draft.filter((_, j) => j !== i))}>
                ✕
              </Button>
            </li>
          ))}
        </ol>
        <Button
          className="mt-2"
          size="sm"
          variant="secondary"
          onClick={() => setDraft([...draft, { key: `stage_${draft.length + 1}`, label: `Stage ${draft.length + 1}`, closed: false }])}
        >
          Add a stage
        </Button>
        {save.error && <ProblemMessage error={save.error} title="Couldn't save the stages" />}
      </Dialog>
    </>
  );
}
