/**
 * A step's `config` as editable fields (name → value). With the action's input JSON Schema the
 * form is generated from its `properties` (see SchemaFieldInput; required ones marked); keys the
 * schema does not name stay free text fields, and "Add field" adds more. Text values may be
 * `{{ … }}` templates: CEL over `trigger.*`, `steps.<id>.output.*`, `end_user.*`, `vars.*`; text
 * fields are expression editors that complete paths from `scope` (the trigger's sample payload and
 * the earlier steps' outputs), and problems from validation appear under the field as you type.
 */
import { Button, Input } from "@nhood/design-system";
import { useMemo, useState } from "react";
import type { ExpressionScope } from "../model/expression-scope";
import { schemaFields } from "../model/input-schema";
import { ExpressionInput } from "./expression-input";
import { SchemaFieldInput } from "./schema-field";

export interface ConfigFieldsProps {
  config: Record<string, unknown>;
  /** the action's input JSON Schema (from the action palette), when known */
  schema?: Record<string, unknown>;
  /** what the step's `{{ }}` expressions can read, for completion */
  scope: ExpressionScope;
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

export function ConfigFields({ config, schema, scope, problems, onChange }: ConfigFieldsProps) {
  const [newKey, setNewKey] = useState("");
  const fields = useMemo(() => schemaFields(schema), [schema]);
  const named = new Set(fields.map((f) => f.key));
  const extra = Object.entries(config).filter(([k]) => !named.has(k));
  const fieldError = (key: string) =>
    [...problems]
      .filter(([f]) => f === `config/${key}` || f.startsWith(`config/${key}/`))
      .flatMap(([, d]) => d)
      .join("; ") || undefined;
  const set = (k: string, v: unknown) => {
    const { [k]: _, ...rest } = config;
    onChange(v === undefined ? rest : { ...config, [k]: v });
  };
  const add = () => {
    const k = newKey.trim();
    if (!k || k in config || named.has(k)) return;
    onChange({ ...config, [k]: "" });
    setNewKey("");
  };
  return (
    <fieldset className="flex min-w-0 flex-col gap-2">
      <legend className="mb-1 text-sm font-semibold">Input</legend>
      <p className="text-xs text-fg-muted">
        Type <code>{"{{"}</code> to insert data from the trigger or an earlier step.
      </p>
      {fields.some((f) => f.required) && (
        <p className="text-xs text-fg-muted">
          <span aria-hidden="true" className="text-danger">
            *
          </span>{" "}
          required
        </p>
      )}
      {fields.map((f) => (
        <SchemaFieldInput key={f.key} field={f} value={config[f.key]} scope={scope} error={fieldError(f.key)} onChange={(v) => set(f.key, v)} />
      ))}
      {fields.length === 0 && extra.length === 0 && (
        <p className="text-xs text-fg-muted">
          No fields yet. Add the fields this action expects, e.g. <code>text</code> or <code>email</code>.
        </p>
      )}
      {extra.map(([k, v]) => (
        <div key={k} className="flex items-end gap-2">
          <div className="flex-1">
            <ExpressionInput label={k} value={asText(v)} scope={scope} error={fieldError(k)} onChange={(t) => set(k, fromText(t))} />
          </div>
          <Button size="sm" variant="ghost" aria-label={`Remove field ${k}`} onClick={() => set(k, undefined)}>
            ✕
          </Button>
        </div>
      ))}
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <Input label="New field name" value={newKey} onChange={(e) => setNewKey(e.target.value)} onKeyDown={(e) => e.key === "Enter" && add()} />
        </div>
        <Button size="sm" variant="secondary" onClick={add} disabled={!newKey.trim()}>
          Add field
        </Button>
      </div>
    </fieldset>
  );
}
