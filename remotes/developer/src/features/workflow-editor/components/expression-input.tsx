/**
 * A labelled expression field: text that may hold `{{ … }}` templates, edited in CodeMirror 6
 * (expression-editor.tsx, its own chunk loaded on first use) with completion from the step's
 * scope; until that chunk has loaded (or if it cannot load) a plain text input stands in. The
 * field's problem shows under it as you type (and as a lint mark in the editor).
 */
import type { ReactNode } from "react";
import { useEffect, useId, useState } from "react";
import type { ExpressionScope } from "../model/expression-scope";

type EditorModule = typeof import("./expression-editor");
let loaded: EditorModule | null = null;
let loading: Promise<EditorModule> | null = null;

/** Loads the CodeMirror editor chunk once; resolves with its module (tests await it before rendering). */
export function loadExpressionEditor(): Promise<EditorModule> {
  loading ??= import("./expression-editor").then((m) => {
    loaded = m;
    return m;
  });
  return loading;
}

export interface ExpressionInputProps {
  label: ReactNode;
  value: string;
  onChange: (text: string) => void;
  scope: ExpressionScope;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  placeholder?: string;
}

export function ExpressionInput({ label, value, onChange, scope, hint, error, required, placeholder }: ExpressionInputProps) {
  const id = useId();
  const [editor, setEditor] = useState<EditorModule | null>(loaded);
  useEffect(() => {
    if (!editor) loadExpressionEditor().then(setEditor, () => {}); // the plain input stays
  }, [editor]);
  const labelId = `${id}-label`;
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="flex flex-col gap-1.5">
      {/* the CodeMirror editor names itself with aria-labelledby; htmlFor names the stand-in input */}
      <label id={labelId} htmlFor={editor ? undefined : id} className="text-sm font-medium text-fg">
        {label}
      </label>
      {editor ? (
        <editor.ExpressionEditor
          value={value}
          onChange={onChange}
          scope={scope}
          labelId={labelId}
          describedBy={describedBy}
          required={required}
          error={error}
          placeholder={placeholder}
        />
      ) : (
        <input
          id={id}
          value={value}
          placeholder={placeholder}
          aria-required={required || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={`h-10 w-full rounded-md border bg-surface px-3 font-mono text-[0.8125rem] text-fg shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30 ${error ? "border-danger" : "border-line-strong"}`}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-fg-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-danger" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
