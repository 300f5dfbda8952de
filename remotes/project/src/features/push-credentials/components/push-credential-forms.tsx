/**
 * The dialogs that set (or replace) FCM and APNs credentials. Keys can be pasted or read from the
 * downloaded file (read in the browser, sent once over the API, never shown back). A refused save
 * shows the problem and each field's error by its field, as the BFF names them.
 */
import { Button, Dialog, Input, Select, toast } from "@nhood/design-system";
import { describeError, ProblemMessage } from "@nhood/web-kit";
import { type ChangeEvent, useId, useState } from "react";
import { useSaveApns, useSaveFcm } from "../api/use-push-credentials";

const textareaClass = "min-h-32 w-full rounded border border-line-strong bg-surface p-2 font-mono text-xs";

/** The field errors of a refused save, by field name ("service_account.private_key" → its detail). */
function fieldErrors(error: unknown): Record<string, string> {
  if (!error) return {};
  return Object.fromEntries(describeError(error).fields.map((f) => [f.field, f.detail]));
}

function KeyText(props: { label: string; hint: string; value: string; onChange: (v: string) => void; error?: string; accept: string }) {
  const id = useId();
  const readFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) void file.text().then(props.onChange);
  };
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-fg">
        {props.label}
      </label>
      <textarea
        id={id}
        className={textareaClass}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={`${id}-hint`}
        spellCheck={false}
      />
      <p id={`${id}-hint`} className={props.error ? "text-xs font-medium text-danger" : "text-xs text-fg-muted"}>
        {props.error ?? props.hint}
      </p>
      <label className="text-xs text-fg-muted">
        Or read it from the file: <input type="file" accept={props.accept} onChange={readFile} aria-label={`${props.label}: choose the file`} />
      </label>
    </div>
  );
}

export function FcmForm({ ws, open, onClose }: { ws: string; open: boolean; onClose: () => void }) {
  const save = useSaveFcm(ws);
  const [json, setJson] = useState("");
  const [parseError, setParseError] = useState<string | null>(null);
  const errors = fieldErrors(save.error);
  const fieldProblems = Object.entries(errors);
  const close = () => {
    save.reset();
    setJson("");
    setParseError(null);
    onClose();
  };
  const submit = () => {
    let account: unknown;
    try {
      account = JSON.parse(json);
    } catch {
      setParseError("This is not JSON: paste the whole service account key file.");
      return;
    }
    setParseError(null);
    save.mutate(
      { service_account: account as never },
      {
        onSuccess: () => {
          toast("FCM credentials saved", { tone: "success" });
          close();
        },
      },
    );
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Firebase Cloud Messaging credentials"
      description="In the Firebase console: Project settings → Service accounts → Generate new private key. Paste the downloaded JSON file here."
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button loading={save.isPending} onClick={submit} disabled={json.trim() === ""}>
            Save
          </Button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        className="flex flex-col gap-3"
      >
        <KeyText
          label="Service account key (JSON)"
          hint="type, project_id, private_key_id, private_key, client_email and token_uri are used."
          value={json}
          onChange={setJson}
          error={parseError ?? errors.service_account}
          accept="application/json,.json"
        />
        {save.error && <ProblemMessage error={save.error} title="Couldn't save the FCM credentials" />}
        {fieldProblems.length > 0 && (
          <ul className="text-xs text-danger" aria-label="Fields to fix">
            {fieldProblems.map(([field, detail]) => (
              <li key={field}>
                {field}: {detail}
              </li>
            ))}
          </ul>
        )}
      </form>
    </Dialog>
  );
}

const empty = { key_p8: "", key_id: "", team_id: "", bundle_id: "", environment: "production" as "production" | "sandbox" };

export function ApnsForm({ ws, open, onClose }: { ws: string; open: boolean; onClose: () => void }) {
  const save = useSaveApns(ws);
  const [v, setV] = useState(empty);
  const errors = fieldErrors(save.error);
  const close = () => {
    save.reset();
    setV(empty);
    onClose();
  };
  const submit = () =>
    save.mutate(v, {
      onSuccess: () => {
        toast("APNs credentials saved", { tone: "success" });
        close();
      },
    });
  const set = (k: keyof typeof empty) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV({ ...v, [k]: e.target.value });
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Apple Push Notification service credentials"
      description="In Apple Developer: Certificates, Identifiers & Profiles → Keys → a key with APNs enabled. Download its .p8 file once."
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button loading={save.isPending} onClick={submit}>
            Save
          </Button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        className="flex flex-col gap-3"
      >
        <Input label="Key id" hint="10 characters, shown beside the key in Apple Developer." value={v.key_id} onChange={set("key_id")} error={errors.key_id} />
        <Input label="Team id" hint="10 characters, your membership's team id." value={v.team_id} onChange={set("team_id")} error={errors.team_id} />
        <Input label="Bundle id" hint="Your app's bundle id, e.g. com.example.app." value={v.bundle_id} onChange={set("bundle_id")} error={errors.bundle_id} />
        <Select
          label="Environment"
          value={v.environment}
          onChange={set("environment")}
          options={[
            { value: "production", label: "Production (App Store and TestFlight builds)" },
            { value: "sandbox", label: "Sandbox (development builds)" },
          ]}
          error={errors.environment}
        />
        <KeyText
          label="Signing key (.p8)"
          hint="The whole file, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----."
          value={v.key_p8}
          onChange={(key_p8) => setV({ ...v, key_p8 })}
          error={errors.key_p8}
          accept=".p8"
        />
        {save.error && <ProblemMessage error={save.error} title="Couldn't save the APNs credentials" />}
      </form>
    </Dialog>
  );
}
