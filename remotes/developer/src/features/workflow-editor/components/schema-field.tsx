/**
 * One generated input of a step's config, chosen by the field's JSON Schema kind: text or number
 * (a number or an expression) in an expression editor with `{{ }}` completion (ExpressionInput),
 * checkbox, select, or a JSON textarea that shows parse errors inline. Required fields are marked
 * with `*` and aria-required.
 */
import { Select } from "@nhood/design-system";
import { useEffect, useId, useRef, useState } from "react";
import type { ExpressionScope } from "../model/expression-scope";
import type { SchemaField } from "../model/input-schema";
import { ExpressionInput } from "./expression-input";

export interface SchemaFieldInputProps {
  field: SchemaField;
  value: unknown;
  /** what the field's `{{ }}` expressions can read (completion) */
  scope: ExpressionScope;
  error?: string;
  /** `undefined` removes the key from the config */
  onChange: (value: unknown) => void;
}

const isExpr = (t: string) => t.trim().startsWith("{{");
const toJsonText = (v: unknown) => (v === undefined ? "" : typeof v === "string" && isExpr(v) ? v : JSON.stringify(v, null, 2));

function Label({ field }: { field: SchemaField }) {
  return (
    <>
      {field.key}
      {field.required && (
        <span aria-hidden="true" className="text-danger">
          {" "}
          *
        </span>
      )}
    </>
  );
}

function JsonField({ field, value, error, onChange }: SchemaFieldInputProps) {
  const id = useId();
  const [text, setText] = useState(() => toJsonText(value));
  const [parseError, setParseError] = useState<string | null>(null);
  const emitted = useRef<unknown>(value);
  // follow changes from outside (undo, switching steps), not the echo of our own edits
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(toJsonText(value));
      setParseError(null);
    }
  }, [value]);
  const emit = (v: unknown) => {
    setParseError(null);
    emitted.current = v;
    onChange(v);
  };
  const edit = (t: string) => {
    setText(t);
    if (!t.trim()) return emit(undefined);
    if (isExpr(t)) return emit(t);
    try {
      emit(JSON.parse(t) as unknown);
    } catch (e) {
      setParseError(`Invalid JSON: ${(e as Error).message}`);
    }
  };
  const shown = parseError ?? error;
  const hint = field.description ?? "JSON, or a {{ }} expression";
  return (
    <div className="flex flex-col gap-1.5">
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the text comes from <Label> (the field's title) and htmlFor names the textarea */}
      <label htmlFor={id} className="text-sm font-medium text-fg">
        <Label field={field} />
      </label>
      <textarea
        id={id}
        rows={3}
        value={text}
        spellCheck={false}
        aria-required={field.required || undefined}
        aria-invalid={shown ? true : undefined}
        aria-describedby={`${id}-${shown ? "error" : "hint"}`}
        placeholder={field.defaultValue === undefined ? undefined : JSON.stringify(field.defaultValue)}
        className={`w-full rounded-md border bg-surface px-3 py-2 font-mono text-xs text-fg shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30 ${shown ? "border-danger" : "border-line-strong"}`}
        onChange={(e) => edit(e.target.value)}
      />
      {shown ? (
        <p id={`${id}-error`} className="text-xs font-medium text-danger">
          {shown}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-fg-muted">
          {hint}
        </p>
      )}
    </div>
  );
}

export function SchemaFieldInput(props: SchemaFieldInputProps) {
  const { field, value, scope, error, onChange } = props;
  const id = useId();
  const placeholder = field.defaultValue === undefined ? undefined : String(field.defaultValue);
  const common = { label: <Label field={field} />, hint: field.description, error, "aria-required": field.required || undefined };
  switch (field.kind) {
    case "boolean":
      return (
        <div className="flex flex-col gap-1">
          <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-fg">
            <input
              id={id}
              type="checkbox"
              checked={value === true}
              aria-required={field.required || undefined}
              aria-invalid={error ? true : undefined}
              onChange={(e) => onChange(e.target.checked)}
            />
            <Label field={field} />
          </label>
          {error && <p className="text-xs font-medium text-danger">{error}</p>}
        </div>
      );
    case "enum":
      return (
        <Select
          {...common}
          value={value === undefined ? "" : String(value)}
          options={[{ value: "", label: field.required ? "— choose —" : "— none —" }, ...(field.options ?? []).map((o) => ({ value: o, label: o }))]}
          onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
        />
      );
    case "number":
      return (
        <ExpressionInput
          label={common.label}
          hint={field.description}
          error={error}
          required={field.required}
          scope={scope}
          value={value === undefined ? "" : String(value)}
          placeholder={placeholder ?? "a number or {{ expression }}"}
          onChange={(t) => onChange(t.trim() === "" ? undefined : /^-?\d+(\.\d+)?$/.test(t.trim()) ? Number(t) : t)}
        />
      );
    case "string":
      return (
        <ExpressionInput
          label={common.label}
          hint={field.description}
          error={error}
          required={field.required}
          scope={scope}
          value={typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value)}
          placeholder={placeholder}
          onChange={(t) => onChange(t === "" ? undefined : t)}
        />
      );
    default:
      return <JsonField {...props} />;
  }
}
