/**
 * Undo/redo for the editor's working copy: every edit pushes the previous state (at most 100),
 * `dirty` tells whether the copy differs from the last saved one.
 */
import { useCallback, useState } from "react";

export interface History<T> {
  value: T;
  set: (next: T | ((v: T) => T)) => void;
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
  /** marks the current value as saved (or replaces it, e.g. after loading) */
  markSaved: (value?: T) => void;
  dirty: boolean;
}

export function useHistory<T>(initial: T): History<T> {
  const [state, setState] = useState({ past: [] as T[], value: initial, future: [] as T[], saved: initial });
  const set = useCallback(
    (next: T | ((v: T) => T)) =>
      setState((s) => {
        const value = typeof next === "function" ? (next as (v: T) => T)(s.value) : next;
        return value === s.value ? s : { ...s, past: [...s.past.slice(-99), s.value], value, future: [] };
      }),
    [],
  );
  const undo = useCallback(
    () => setState((s) => (s.past.length ? { ...s, past: s.past.slice(0, -1), value: s.past[s.past.length - 1]!, future: [s.value, ...s.future] } : s)),
    [],
  );
  const redo = useCallback(
    () => setState((s) => (s.future.length ? { ...s, past: [...s.past, s.value], value: s.future[0]!, future: s.future.slice(1) } : s)),
    [],
  );
  const markSaved = useCallback(
    (value?: T) => setState((s) => (value === undefined ? { ...s, saved: s.value } : { past: [], value, future: [], saved: value })),
    [],
  );
  return {
    value: state.value,
    set,
    undo,
    redo,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
    markSaved,
    dirty: state.value !== state.saved,
  };
}
