/**
 * Branded e-mail templates (issue 15 part 6, seed 003 §12.1): the kinds of e-mail the platform
 * sends on a workspace's behalf and the preview the project portal shows. A separate entry point
 * (`@nhood/contracts/email-templates`), outside the package index, like test-mode.ts.
 */
import { z } from "zod";

/** `notification`: a rule's notification e-mailed to its recipient; `quota`: a quota warning or exceeded notice to the billing contact. */
export const emailTemplateKinds = ["notification", "quota"] as const;
export const emailTemplateKindSchema = z.enum(emailTemplateKinds);
export type EmailTemplateKind = z.infer<typeof emailTemplateKindSchema>;

/** One rendered e-mail: the subject, the HTML part and the plain-text part (sent as multipart/alternative). */
export const emailPreviewSchema = z
  .object({
    kind: emailTemplateKindSchema,
    subject: z.string(),
    /** a complete HTML document carrying the workspace's name, logo and primary colour */
    html: z.string(),
    /** the plain-text alternative of the same message */
    text: z.string(),
  })
  .meta({ id: "EmailPreview" });
export type EmailPreview = z.infer<typeof emailPreviewSchema>;
