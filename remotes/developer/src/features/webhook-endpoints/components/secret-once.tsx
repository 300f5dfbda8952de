import { Button, Input, toast } from "@nhood/design-system";

/** A signing secret shown once, with a copy button and a warning. */
export function SecretOnce({ label, secret }: { label: string; secret: string }) {
  const copy = () =>
    navigator.clipboard.writeText(secret).then(
      () => toast("Secret copied", { tone: "success" }),
      () => toast("Couldn't copy: select it and copy by hand", { tone: "danger" }),
    );
  return (
    <div className="flex flex-col gap-3">
      <div role="note" className="rounded-md border border-warning/30 bg-warning-soft p-3 text-sm text-warning">
        Store this secret now: it is shown only once. Verify deliveries with it using a Standard Webhooks library.
      </div>
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <Input label={label} readOnly value={secret} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} data-autofocus />
        </div>
        <Button variant="secondary" onClick={() => void copy()}>
          Copy
        </Button>
      </div>
    </div>
  );
}
