/** The sound library: upload (audio only, 512 KiB), play, delete; rules pick a sound from here. */
import { Button, EmptyState, Input, PageHeader, Table, TBody, Td, Th, THead, Tr, toast } from "@nhood/design-system";
import { AsyncContent, formatDate, ProblemMessage, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import { useRef, useState, type FormEvent } from "react";
import { useSounds } from "../../../hooks/use-sounds";
import { useDeleteSound, useUploadSound } from "../api/use-sound-changes";

export function SoundsPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const query = useSounds(ws);
  const upload = useUploadSound(ws);
  const remove = useDeleteSound(ws);
  const fileInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  useMarkPortalReady(query.status !== "pending");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) return;
    upload.mutate(
      { file, name: name.trim() || file.name },
      {
        onSuccess: (s) => {
          toast(`Sound "${s.name}" uploaded`, { tone: "success" });
          setName("");
          if (fileInput.current) fileInput.current.value = "";
        },
      },
    );
  };
  const sounds = query.data?.items ?? [];
  return (
    <>
      <PageHeader title="Sounds" description="Sounds that play when a notification arrives. MP3, WAV, OGG, M4A, AAC, FLAC or WebM audio, up to 512 KiB." />
      <form onSubmit={submit} className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface p-4">
        <Input label="Name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Cash register" />
        <label className="flex flex-col gap-1.5 text-sm font-medium">
          Audio file
          <input ref={fileInput} type="file" accept="audio/*" required className="text-sm" />
        </label>
        <Button type="submit" loading={upload.isPending}>
          Upload sound
        </Button>
      </form>
      {upload.isError && (
        <div className="mb-4">
          <ProblemMessage title="Couldn't upload the sound" error={upload.error} />
        </div>
      )}
      <AsyncContent
        status={query.status}
        error={query.error}
        onRetry={() => void query.refetch()}
        errorTitle="Couldn't load sounds"
        loadingLabel="Loading sounds…"
        isEmpty={sounds.length === 0}
        empty={<EmptyState title="No sounds yet">Upload a short audio file above; without one, notifications play the default chime.</EmptyState>}
      >
        <Table caption="Sounds">
          <THead>
            <Tr>
              <Th>Name</Th>
              <Th>Type</Th>
              <Th>Size</Th>
              <Th>Added</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </Tr>
          </THead>
          <TBody>
            {sounds.map((s) => (
              <Tr key={s.id}>
                <Td className="font-medium">{s.name}</Td>
                <Td>{s.mime_type}</Td>
                <Td>{Math.ceil(s.size_bytes / 1024)} KiB</Td>
                <Td>{formatDate(s.created_at)}</Td>
                <Td className="whitespace-nowrap text-right">
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Play ${s.name}`}
                    onClick={() => void new Audio(s.url).play().catch(() => toast("The browser blocked playback", { tone: "danger" }))}
                  >
                    Play
                  </Button>
                  <Button size="sm" variant="danger-subtle" aria-label={`Delete ${s.name}`} onClick={() => remove.mutate(s.id)}>
                    Delete
                  </Button>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </AsyncContent>
    </>
  );
}
