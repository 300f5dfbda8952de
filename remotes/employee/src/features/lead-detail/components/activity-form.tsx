import { useState } from "react";
import { Button, Select } from "@nhood/design-system";
import { ProblemMessage } from "@nhood/web-kit";
import type { UseMutationResult } from "@tanstack/react-query";

type Kind = "note" | "call" | "email" | "message";

/** Adds a note (or logs a call, email or message) to the timeline. */
export function ActivityForm({ mutation }: { mutation: UseMutationResult<unknown, Error, { kind: Kind; body: string }> }) {
  const [kind, setKind] = useState<Kind>("note");
  const [body, setBody] = useState("");
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (body.trim()) mutation.mutate({ kind, body }, { onSuccess: () => setBody("") });
      }}
    >
      <label htmlFor="activity-body" className="text-sm font-medium">
        Add to the timeline
      </label>
      <textarea
        id="activity-body"
        className="min-h-20 rounded-md border border-line bg-surface p-2 text-sm"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        placeholder="What happened? e.g. Called, wants a viewing on Friday"
      />
      <div className="flex items-center gap-2">
        <Select
          label={<span className="sr-only">Activity kind</span>}
          value={kind}
          onChange={(e) => setKind(e.target.value as Kind)}
          options={[
            { value: "note", label: "Note" },
            { value: "call", label: "Call" },
            { value: "email", label: "Email" },
            { value: "message", label: "Message" },
          ]}
        />
        <Button type="submit" loading={mutation.isPending} disabled={!body.trim()}>
          Add {kind}
        </Button>
      </div>
      {mutation.error && <ProblemMessage error={mutation.error} />}
    </form>
  );
}
