/** The 10 recovery codes, shown this once after an enrolment or a regeneration: copy, download, done. */
import { Button, Card } from "@nhood/design-system";
import { useState } from "react";

export function RecoveryCodesPanel({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const text = `NeighbourHood recovery codes (each works once)\n\n${codes.join("\n")}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: "neighbourhood-recovery-codes.txt" });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Card title="Your recovery codes" description="Each signs you in once if you lose your authenticator app and passkeys. They are not shown again.">
      <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded border border-line p-3 font-mono text-sm sm:grid-cols-5">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <div className="mt-4 flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() =>
            void navigator.clipboard?.writeText(text).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button variant="secondary" onClick={download}>
          Download .txt
        </Button>
        <Button onClick={onDone}>I saved them</Button>
      </div>
    </Card>
  );
}
