import { useEffect } from "react";
import { create } from "zustand";
import { cx } from "../lib/cx";

export type ToastTone = "info" | "success" | "danger";

export interface Toast {
  id: number;
  title: string;
  description?: string;
  tone: ToastTone;
}

interface ToastState {
  toasts: Toast[];
  push: (toast: Omit<Toast, "id">) => number;
  dismiss: (id: number) => void;
}

let nextId = 1;

/** The toast queue; the design system is a shared singleton, so portals and shell share it. */
export const useToastStore = create<ToastState>((set) => ({
  toasts: [],
  push: (toast) => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }] }));
    return id;
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

/** Shows a toast from anywhere (no hook needed). Returns its id. */
export function toast(title: string, options: { description?: string; tone?: ToastTone } = {}): number {
  return useToastStore.getState().push({ title, description: options.description, tone: options.tone ?? "info" });
}

const tones: Record<ToastTone, string> = {
  info: "border-line",
  success: "border-success/40",
  danger: "border-danger/40",
};

function ToastItem({ item, duration }: { item: Toast; duration: number }) {
  const dismiss = useToastStore((s) => s.dismiss);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(item.id), duration);
    return () => clearTimeout(timer);
  }, [dismiss, duration, item.id]);
  return (
    <li
      role={item.tone === "danger" ? "alert" : "status"}
      className={cx("pointer-events-auto flex w-80 items-start gap-3 rounded-lg border bg-surface p-4 shadow-lg", tones[item.tone])}
    >
      <div className="flex-1">
        <p className={cx("text-sm font-semibold", item.tone === "danger" ? "text-danger" : "text-fg")}>{item.title}</p>
        {item.description && <p className="mt-1 text-sm text-fg-muted">{item.description}</p>}
      </div>
      <button type="button" onClick={() => dismiss(item.id)} className="rounded text-sm text-fg-muted hover:text-fg" aria-label="Dismiss notification">
        ×
      </button>
    </li>
  );
}

/** Renders the toast queue in a live region; mount it once (the shell does). */
export function ToastViewport({ duration = 6000 }: { duration?: number }) {
  const toasts = useToastStore((s) => s.toasts);
  return (
    <section aria-label="Status messages" className="pointer-events-none fixed right-4 bottom-4 z-[60]">
      <ol className="flex flex-col gap-2">
        {toasts.map((t) => (
          <ToastItem key={t.id} item={t} duration={duration} />
        ))}
      </ol>
    </section>
  );
}
