/**
 * The branded e-mail preview (`GET …/email-templates/{kind}/preview`, issue 15 part 6): subject,
 * HTML and plain-text parts rendered with sample data and the workspace's branding. Called through
 * `api.request` with the contract's schema (a separate contracts entry point, outside the shell's
 * initial bundle).
 */
import { type EmailTemplateKind, emailPreviewSchema } from "@nhood/contracts/email-templates";
import { api } from "@nhood/web-kit";
import { useQuery } from "@tanstack/react-query";

export function useEmailPreview(ws: string, kind: EmailTemplateKind) {
  return useQuery({
    // the answer carries the branding: with no staleTime it is fetched again on each visit, after a branding change too
    queryKey: ["project", ws, "email-preview", kind],
    queryFn: () => api.request("GET", `/api/v1/workspaces/${encodeURIComponent(ws)}/email-templates/${kind}/preview`, emailPreviewSchema),
    enabled: ws !== "",
  });
}
