import { Button, Dialog, Input } from "@nhood/design-system";
import { isApiError, ProblemMessage } from "@nhood/web-kit";
import { useState, type FormEvent } from "react";
import { SecretOnce } from "./secret-once";

export interface CreateEndpointDialogProps {
  open: boolean;
  eventTypes: string[];
  onClose: () => void;
  onCreate: (b: { url: string; description: string; event_types: string[] }) => Promise<{ secret: string }>;
}

/** URL, description and event-type filter (none = every type); then the secret, once. */
export function CreateEndpointDialog({ open, eventTypes, onClose, onCreate }: CreateEndpointDialogProps) {
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [types, setTypes] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const close = () => {
    setUrl("");
    setDescription("");
    setTypes([]);
    setSecret(null);
    setError(null);
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      setSecret((await onCreate({ url: url.trim(), description, event_types: types })).secret);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };
  if (secret) {
    return (
      <Dialog open={open} onClose={close} title="Copy your signing secret" footer={<Button onClick={close}>Done</Button>}>
        <SecretOnce label="Signing secret" secret={secret} />
      </Dialog>
    );
  }
  const urlError = isApiError(error) ? error.problem.errors?.find((x) => x.pointer === "#/url")?.detail : undefined;
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Add webhook endpoint"
      description="We POST signed events (Standard Webhooks) to this URL and retry failures for up to a day."
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form="endpoint-form" loading={pending}>
            Add endpoint
          </Button>
        </>
      }
    >
      <form id="endpoint-form" onSubmit={(e) => void submit(e)} className="flex flex-col gap-3">
        {error !== null && !urlError && <ProblemMessage title="Couldn't add the endpoint" error={error} />}
        <Input
          label="URL"
          type="url"
          required
          value={url}
          placeholder="https://api.example.com/webhooks/neighbourhood"
          onChange={(e) => setUrl(e.target.value)}
          error={urlError}
        />
        <Input label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
        <fieldset>
          <legend className="text-sm font-medium">Events (none selected = all)</legend>
          <div className="mt-1 grid grid-cols-2 gap-1">
            {eventTypes.map((t) => (
              <label key={t} className="flex items-center gap-2 text-xs">
                <input type="checkbox" checked={types.includes(t)} onChange={() => setTypes((s) => (s.includes(t) ? s.filter((x) => x !== t) : [...s, t]))} />{" "}
                <code>{t}</code>
              </label>
            ))}
          </div>
        </fieldset>
      </form>
    </Dialog>
  );
}
