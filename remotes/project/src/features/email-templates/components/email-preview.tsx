/**
 * One rendered e-mail: its subject, the HTML part in a sandboxed iframe (no scripts, no same
 * origin: the markup cannot reach the portal) and the plain-text part, as recipients see them.
 */
import { Card } from "@nhood/design-system";
import type { EmailPreview as EmailPreviewData } from "@nhood/contracts/email-templates";

export function EmailPreview({ preview }: { preview: EmailPreviewData }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <p className="mb-2 text-sm text-muted-foreground">
          Subject: <strong data-testid="email-subject">{preview.subject}</strong>
        </p>
        <iframe title={`HTML part of the ${preview.kind} e-mail`} sandbox="" srcDoc={preview.html} className="h-[32rem] w-full rounded border bg-white" />
      </Card>
      <Card>
        <h2 className="mb-2 text-sm font-semibold">Plain-text part</h2>
        <pre data-testid="email-text" className="max-h-[32rem] overflow-auto whitespace-pre-wrap text-sm">
          {preview.text}
        </pre>
      </Card>
    </div>
  );
}
