import { Button, Input, Select, cx } from "@nhood/design-system";
import { useState } from "react";
import { buildCondition, operators, type ConditionRow } from "../lib/condition-builder";

export interface ConditionEditorProps {
  value: string;
  onChange: (cel: string) => void;
  error?: string;
}

/**
 * A rule's condition, edited visually (rows of field, operator, value; all or any) or as CEL
 * code. The visual builder writes the code; editing the code directly keeps it as typed.
 */
export function ConditionEditor({ value, onChange, error }: ConditionEditorProps) {
  const [mode, setMode] = useState<"visual" | "code">(value && value !== "true" ? "code" : "visual");
  const [rows, setRows] = useState<ConditionRow[]>([{ field: "event.type", operator: "==", value: "" }]);
  const [join, setJoin] = useState<"all" | "any">("all");
  const update = (next: ConditionRow[], j = join) => {
    setRows(next);
    setJoin(j);
    onChange(buildCondition(next, j));
  };
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 flex w-full items-center justify-between text-sm font-medium text-fg">
        Condition
        <span role="tablist" aria-label="Condition editor" className="flex gap-1">
          {(["visual", "code"] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={mode === m}
              onClick={() => setMode(m)}
              className={cx("rounded px-2 py-0.5 text-xs", mode === m ? "bg-brand text-brand-contrast" : "bg-surface-muted text-fg-muted")}
            >
              {m === "visual" ? "Builder" : "Code (CEL)"}
            </button>
          ))}
        </span>
      </legend>
      {mode === "visual" ? (
        <>
          <Select
            label="Match"
            value={join}
            onChange={(e) => update(rows, e.target.value as "all" | "any")}
            options={[
              { value: "all", label: "all of these" },
              { value: "any", label: "any of these" },
            ]}
          />
          {rows.map((row, i) => (
            <div key={i} className="grid grid-cols-[1fr_auto_1fr_auto] items-end gap-2">
              <Input
                label={`Field ${i + 1}`}
                value={row.field}
                placeholder="event.payload.amount"
                onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, field: e.target.value } : r)))}
              />
              <Select
                label={`Operator ${i + 1}`}
                value={row.operator}
                options={operators.map((o) => ({ value: o, label: o }))}
                onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, operator: e.target.value as ConditionRow["operator"] } : r)))}
              />
              <Input
                label={`Value ${i + 1}`}
                value={row.value}
                disabled={row.operator === "exists"}
                onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
              />
              <Button variant="ghost" size="sm" aria-label={`Remove condition ${i + 1}`} onClick={() => update(rows.filter((_, j) => j !== i))}>
                ×
              </Button>
            </div>
          ))}
          <div>
            <Button variant="secondary" size="sm" onClick={() => update([...rows, { field: "event.payload.", operator: "==", value: "" }])}>
              Add condition
            </Button>
          </div>
          <p className="text-xs text-fg-muted">
            CEL: <code className="font-mono">{value}</code>
          </p>
        </>
      ) : (
        <textarea
          aria-label="Condition (CEL)"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          rows={3}
          className={cx("w-full rounded-md border bg-surface p-2 font-mono text-sm", error ? "border-danger" : "border-line-strong")}
        />
      )}
      {error && <p className="text-xs font-medium text-danger">{error}</p>}
    </fieldset>
  );
}
