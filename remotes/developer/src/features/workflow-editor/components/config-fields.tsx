/**
 * A step's `config` as editable fields (name → value). Values are text: `{{ … }}` templates
 * are CEL over `trigger.*`, `steps.<id>.output.*`, `end_user.*`, `vars.*`; suggestions come from
 * a datalist and problems from validation appear under the field as you type.
 */
import { Button, Input } from "@nhood/design-system";
import { useState } from "react";

export interface ConfigFieldsProps {
  stepId: string;
  config: Record<string, unknown>;
  suggestions: string[];
  problems: Map<string, string[]>;
  onChange: (config: Record<string, unknown>) => void;
}

const asText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
/** Text back to a value: JSON literals (numbers, booleans, objects) stay typed, the rest is text. */
function fromText(t: string): unknown {
  if (/^\s*(\{|\[|-?\d|true\b|false\b|null\b)/.test(t)) {
    try {
      return JSON.parse(t);
    } catch {
      return t;
    }
  }
  return t;
}

export function ConfigFields({ stepId, config, suggestions, problems, onChange }: ConfigFieldsProps) {
  const [newKey, setNewKey] = useState("");
  const listId = `expr-${stepId}`;
  const fieldError = (key: string) => [...problems].filter(([f]) => f === `config/${key}` || f.startsWith(`config/${key}/`)).flatMap(([, d]) => d).join("; ") || undefined;
  const add = () => {
    const k = newKey.trim();
    if (!k || k in config) return;
    onChange({ ...config, [k]: "" });
    setNewKey("");
  };
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-semibold">Input</legend>
      <datalist id={listId}>{suggestions.map((s) => <option key={s} value={s} />)}</datalist>
      {Object.keys(config).length === 0 && <p className="text-xs text-fg-muted">No fields yet. Add the fields this action expects, e.g. <code>text</code> or <code>email</code>.</p>}
      {Object.entries(config).map(([k, v]) => (
        <div key={k} className="flex items-end gap-2">
          <div className="flex-1">
            <Input label={k} list={listId} value={asText(v)} error={fieldError(k)} onChange={(e) => onChange({ ...config, [k]: fromText(e.target.value) })} />
          </div>
          <Button size="sm" variant="ghost" aria-label={`Remove field ${k}`} onClick={() => { const { [k]: _, ...rest } = config; onChange(rest); }}>✕</Button>
        </div>
      ))}
      <div className="flex items-end gap-2">
        <div className="flex-1"><Input label="New field name" value={newKey} onChange={(e) => setNewKey(e.target.value)} onKeyDown={(e) => e.key === "Enter" && add()} /></div>
        <Button size="sm" variant="secondary" onClick={add} disabled={!newKey.trim()}>Add field</Button>
      </div>
    </fieldset>
  );
}
