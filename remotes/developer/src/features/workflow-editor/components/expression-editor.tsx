/**
 * A single-line CodeMirror 6 editor for one expression field (loaded on demand by
 * ExpressionInput): `{{ … }}` spans highlighted, completion of paths from the step's scope
 * (@codemirror/autocomplete), the field's publish problem as a lint diagnostic (@codemirror/lint),
 * undo history, and the label, description and state given to the editable element for assistive
 * technology. Enter accepts a completion and otherwise does nothing; pasted line breaks become spaces.
 */
import { autocompletion, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { setDiagnostics } from "@codemirror/lint";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  EditorView,
  keymap,
  MatchDecorator,
  placeholder as placeholderText,
  tooltips,
  ViewPlugin,
  type ViewUpdate,
} from "@codemirror/view";
import { useEffect, useRef } from "react";
import { expressionCompletionSource } from "../model/expression-completion";
import type { ExpressionScope } from "../model/expression-scope";

export interface ExpressionEditorProps {
  value: string;
  onChange: (text: string) => void;
  scope: ExpressionScope;
  /** id of the visible label */
  labelId: string;
  describedBy?: string;
  required?: boolean;
  /** the field's problem (publish-time check while typing); shown as a lint diagnostic */
  error?: string;
  placeholder?: string;
}

const templateMarks = new MatchDecorator({ regexp: /\{\{[^}]*\}\}/g, decoration: Decoration.mark({ class: "cm-template" }) });
const highlightTemplates = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = templateMarks.createDeco(view);
    }
    update(u: ViewUpdate) {
      this.decorations = templateMarks.updateDeco(u, this.decorations);
    }
  },
  { decorations: (p) => p.decorations },
);

/** One line only: a change that would add a line break puts a space there instead. */
const singleLine = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || tr.newDoc.lines === 1) return tr;
  const text = tr.newDoc.toString().replace(/\r?\n/g, " ");
  return [
    tr,
    { changes: { from: 0, to: tr.newDoc.length, insert: text }, selection: { anchor: Math.min(tr.newSelection.main.head, text.length) }, sequential: true },
  ];
});

const theme = EditorView.theme({
  "&": { fontSize: "0.8125rem", width: "100%", minWidth: "0" },
  "&.cm-focused": { outline: "none" },
  ".cm-content": { padding: "9px 0", fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace" },
  ".cm-line": { padding: "0" },
  ".cm-scroller": { overflowX: "auto", overflowY: "hidden", scrollbarWidth: "none" },
  ".cm-template": { color: "#1d4ed8", backgroundColor: "rgba(59, 130, 246, 0.08)", borderRadius: "3px" },
  ".cm-placeholder": { color: "#94a3b8" },
  ".cm-tooltip.cm-tooltip-autocomplete": { border: "1px solid #cbd5e1", borderRadius: "6px", boxShadow: "0 4px 12px rgba(15, 23, 42, 0.12)" },
  ".cm-tooltip.cm-tooltip-autocomplete > ul": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", fontSize: "0.75rem", maxHeight: "14em" },
  ".cm-tooltip.cm-tooltip-autocomplete > ul > li": { padding: "2px 8px" },
  ".cm-tooltip.cm-tooltip-autocomplete > ul > li[aria-selected]": { backgroundColor: "#4338ca", color: "#fff" },
  ".cm-completionDetail": { marginLeft: "0.75em", opacity: "0.75" },
});

function a11y(p: Pick<ExpressionEditorProps, "labelId" | "describedBy" | "required" | "error">): Extension {
  const attrs: Record<string, string> = { "aria-labelledby": p.labelId, "aria-multiline": "false" };
  if (p.describedBy) attrs["aria-describedby"] = p.describedBy;
  if (p.required) attrs["aria-required"] = "true";
  if (p.error) attrs["aria-invalid"] = "true";
  return EditorView.contentAttributes.of(attrs);
}

/** The editor; `value` changes from outside (undo, another step selected) replace its text. */
export function ExpressionEditor(props: ExpressionEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const attrs = useRef(new Compartment());
  const { labelId, describedBy, required, error, value } = props;

  useEffect(() => {
    const p = latest.current;
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: p.value,
        extensions: [
          history(),
          autocompletion({ override: [expressionCompletionSource(() => latest.current.scope)], icons: false }),
          keymap.of([{ key: "Enter", run: () => true }, ...completionKeymap, ...historyKeymap, ...defaultKeymap]),
          tooltips({ parent: document.body }),
          singleLine,
          highlightTemplates,
          theme,
          p.placeholder ? placeholderText(p.placeholder) : [],
          attrs.current.of(a11y(p)),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.dispatch({ effects: attrs.current.reconfigure(a11y({ labelId, describedBy, required, error })) });
    v.dispatch(setDiagnostics(v.state, error ? [{ from: 0, to: v.state.doc.length, severity: "error", message: error }] : []));
  }, [labelId, describedBy, required, error]);

  return (
    <div
      ref={host}
      data-testid="expression-editor"
      className={`flex min-h-10 w-full min-w-0 items-center overflow-hidden rounded-md border bg-surface px-3 text-fg shadow-sm focus-within:border-brand focus-within:ring-2 focus-within:ring-brand/30 ${error ? "border-danger" : "border-line-strong"}`}
    />
  );
}
