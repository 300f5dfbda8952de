import { Button, Dialog, toast } from "@nhood/design-system";
import { formSnippet } from "./form-snippet";

/** Shows a new key once, with the HTML form snippet that uses it. */
export function CreatedKeyDialog({ created, onClose }: { created: { key: string; name: string } | null; onClose: () => void }) {
  const snippet = created ? formSnippet(window.location.origin, created.key) : "";
  const copy = (text: string) => void navigator.clipboard?.writeText(text).then(() => toast("Copied", { tone: "success" }));
  return (
    <Dialog
      open={created !== null}
      onClose={onClose}
      title={`Key for “${created?.name ?? ""}”`}
      description="Copy it now: it is shown only this once. It can only create leads for its CRM client."
      footer={<Button onClick={onClose}>Done</Button>}
    >
      <code data-testid="new-lead-source-key" className="block break-all rounded bg-surface-muted p-2 text-xs">
        {created?.key}
      </code>
      <Button variant="secondary" size="sm" className="mt-2" onClick={() => copy(created!.key)}>
        Copy key
      </Button>
      <p className="mt-3 text-sm font-medium">HTML form for the client's website</p>
      <pre className="max-h-48 overflow-auto rounded bg-surface-muted p-2 text-xs">{snippet}</pre>
      <Button variant="secondary" size="sm" className="mt-2" onClick={() => copy(snippet)}>
        Copy snippet
      </Button>
    </Dialog>
  );
}
