import { useState } from "react";
import { Button, Input } from "@nhood/design-system";
import { ProblemMessage } from "@nhood/web-kit";
import type { useClientActions } from "../api/use-clients";

/** New CRM client: its id (a slug you choose), name and website origins for form posts. */
export function ClientForm({ create }: { create: ReturnType<typeof useClientActions>["create"] }) {
  const [clientId, setClientId] = useState("");
  const [name, setName] = useState("");
  const [origins, setOrigins] = useState("");
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const website_origins = origins.split(/[\s,]+/).filter(Boolean);
        create.mutate(
          { client_id: clientId.trim(), name: name.trim(), website_origins },
          {
            onSuccess: () => {
              setClientId("");
              setName("");
              setOrigins("");
            },
          },
        );
      }}
    >
      <Input
        label="Client id"
        required
        value={clientId}
        onChange={(e) => setClientId(e.target.value)}
        placeholder="acme-homes"
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
      />
      <Input label="Name" required value={name} onChange={(e) => setName(e.target.value)} placeholder="Acme Homes" />
      <Input
        label="Website origins"
        hint="Space-separated, e.g. https://www.acme-homes.com"
        value={origins}
        onChange={(e) => setOrigins(e.target.value)}
        placeholder="https://www.acme-homes.com"
      />
      <Button type="submit" loading={create.isPending}>
        Add CRM client
      </Button>
      {create.error && (
        <div className="w-full">
          <ProblemMessage error={create.error} title="Couldn't add the CRM client" />
        </div>
      )}
    </form>
  );
}
