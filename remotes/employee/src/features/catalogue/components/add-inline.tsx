import { useState } from "react";
import { Button, Input } from "@nhood/design-system";

/** A one-field form: "Add category to Real estate" and the like. */
export function AddInline({ label, onAdd, pending }: { label: string; onAdd: (name: string, done: () => void) => void; pending: boolean }) {
  const [name, setName] = useState("");
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onAdd(name.trim(), () => setName(""));
      }}
    >
      <Input label={<span className="sr-only">{label}</span>} placeholder={label} value={name} onChange={(e) => setName(e.target.value)} />
      <Button type="submit" size="sm" variant="secondary" loading={pending} disabled={!name.trim()}>
        Add
      </Button>
    </form>
  );
}
