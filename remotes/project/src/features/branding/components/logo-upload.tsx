/**
 * Upload the workspace logo (seed 003 §12.1): PNG, SVG or WebP up to 512 KB; the suite stores
 * and serves it (SVG sanitised) and the branding's logo then points at it. An uploaded logo can
 * be removed again.
 */
import { Button, toast } from "@nhood/design-system";
import { ProblemMessage } from "@nhood/web-kit";
import { useId, useRef, type ChangeEvent } from "react";
import { useRemoveLogo, useUploadLogo } from "../api/use-logo";

const MAX_KB = 512;

export function LogoUpload({ ws, logoUrl }: { ws: string; logoUrl: string | null }) {
  const upload = useUploadLogo(ws);
  const remove = useRemoveLogo(ws);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const uploaded = !!logoUrl?.startsWith("/api/v1/logos/");
  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    upload.mutate(file, {
      onSuccess: () => toast("Logo uploaded", { tone: "success" }),
      onSettled: () => {
        if (input.current) input.current.value = "";
      },
    });
  };
  return (
    <fieldset className="flex flex-col gap-2 rounded-md border border-line p-3">
      <legend className="px-1 text-sm font-medium">Logo</legend>
      {upload.isError && <ProblemMessage title="Couldn't upload the logo" error={upload.error} />}
      {remove.isError && <ProblemMessage title="Couldn't remove the logo" error={remove.error} />}
      <div className="flex items-center gap-3">
        {logoUrl ? (
          <img src={logoUrl} alt="Current logo" className="h-12 w-12 rounded border border-line object-contain" />
        ) : (
          <span className="text-sm text-fg-muted">No logo yet</span>
        )}
        <label className="text-sm font-medium">
          Upload logo
          <input
            ref={input}
            type="file"
            accept="image/png,image/svg+xml,image/webp"
            onChange={pick}
            disabled={upload.isPending}
            aria-describedby={hintId}
            className="mt-1 block text-sm"
          />
        </label>
        {uploaded && (
          <Button
            type="button"
            variant="ghost"
            size="sm"
            loading={remove.isPending}
            onClick={() => remove.mutate(undefined, { onSuccess: () => toast("Logo removed", { tone: "success" }) })}
          >
            Remove logo
          </Button>
        )}
      </div>
      <p id={hintId} className="text-xs text-fg-muted">
        PNG, SVG or WebP, up to {MAX_KB} KB. We check the file's content and clean SVGs of scripts and links.
        {upload.isPending ? " Uploading…" : ""}
      </p>
    </fieldset>
  );
}
