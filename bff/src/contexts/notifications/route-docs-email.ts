/** OpenAPI documentation of the e-mail template preview (email-template-routes.ts, issue 15 part 6). */
import { emailPreviewSchema } from "@nhood/contracts/email-templates";
import type { RouteDoc } from "../../lib/describe";

export const previewEmailTemplate: RouteDoc = {
  summary: "Preview a branded e-mail template",
  operationId: "previewEmailTemplate",
  tags: ["notifications"],
  security: "session",
  description:
    "Any member of the workspace renders an e-mail of `kind` (`notification`: a rule's notification e-mailed to its recipient; " +
    "`quota`: a quota notice to the billing contact) with sample data and the workspace's branding (name, logo, primary colour): " +
    "the subject, the HTML part and the plain-text part, as they are sent (multipart/alternative). An unknown kind is a 400 naming `#/path/kind`; " +
    "another workspace's id is a 404.",
  responses: {
    200: {
      description: "The rendered e-mail",
      schema: emailPreviewSchema,
      example: {
        kind: "notification",
        subject: "New order #1042",
        html: '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" …><html lang="en">…</html>',
        text: "Acme\n\nHIGH PRIORITY\n\nNEW ORDER #1042\n\nMaria López placed an order for 3 items …",
      },
    },
  },
};
