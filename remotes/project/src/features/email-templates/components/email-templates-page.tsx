/** E-mail templates: one tab per kind of e-mail the platform sends, previewed in the workspace's branding with sample data. */
import { type EmailTemplateKind, emailTemplateKinds } from "@nhood/contracts/email-templates";
import { PageHeader } from "@nhood/design-system";
import { AsyncContent, useActiveWorkspaceId, useMarkPortalReady } from "@nhood/web-kit";
import { type KeyboardEvent, useState } from "react";
import { useEmailPreview } from "../api/use-email-preview";
import { EmailPreview } from "./email-preview";

const LABELS: Record<EmailTemplateKind, string> = { notification: "Notification", quota: "Quota notice" };

export function EmailTemplatesPage() {
  const ws = useActiveWorkspaceId() ?? "";
  const [kind, setKind] = useState<EmailTemplateKind>("notification");
  const preview = useEmailPreview(ws, kind);
  useMarkPortalReady(preview.status !== "pending");
  // arrow keys move between tabs (WAI-ARIA tabs pattern)
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const i = emailTemplateKinds.indexOf(kind) + (e.key === "ArrowRight" ? 1 : -1);
    const next = emailTemplateKinds[(i + emailTemplateKinds.length) % emailTemplateKinds.length]!;
    setKind(next);
    document.getElementById(`email-tab-${next}`)?.focus();
  };
  return (
    <>
      <PageHeader title="E-mail templates" description="The e-mails sent on your workspace's behalf, in its branding, with sample data." />
      <div role="tablist" aria-label="E-mail kinds" className="mb-4 flex gap-2 border-b">
        {emailTemplateKinds.map((k) => (
          <button
            key={k}
            id={`email-tab-${k}`}
            type="button"
            role="tab"
            aria-selected={k === kind}
            aria-controls="email-tabpanel"
            tabIndex={k === kind ? 0 : -1}
            onClick={() => setKind(k)}
            onKeyDown={onKeyDown}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${k === kind ? "border-primary font-semibold" : "border-transparent text-muted-foreground"}`}
          >
            {LABELS[k]}
          </button>
        ))}
      </div>
      <div id="email-tabpanel" role="tabpanel" aria-labelledby={`email-tab-${kind}`}>
        <AsyncContent
          status={preview.status}
          error={preview.error}
          onRetry={() => void preview.refetch()}
          errorTitle="Couldn't render the e-mail"
          loadingLabel="Rendering the e-mail…"
          isEmpty={false}
          empty={null}
        >
          {preview.data && <EmailPreview preview={preview.data} />}
        </AsyncContent>
      </div>
    </>
  );
}
