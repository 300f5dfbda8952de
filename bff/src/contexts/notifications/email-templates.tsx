/**
 * Branded e-mail templates (issue 15 part 6, seed 003 §12.1), rendered server-side with React
 * Email: a notification e-mailed to its recipient and a quota notice to the billing contact, each
 * carrying the workspace's branding (display name, logo, primary colour) in its HTML part, with a
 * plain-text part derived from the same markup. User data (titles, messages, names) is rendered
 * as React text, so it is always HTML-escaped. The same functions answer the portal's preview
 * with sample data (`previewEmail`).
 */
import { Body, Button, Container, Head, Heading, Hr, Html, Img, Preview, Section, Text } from "@react-email/components";
import { render } from "@react-email/render";
import type { EmailPreview, EmailTemplateKind } from "@nhood/contracts/email-templates";

/** What a template needs of the workspace's branding (tenancy `getBranding`). */
export interface EmailBranding {
  display_name: string;
  logo_url: string | null;
  primary_color: string;
}

/** The content of one e-mail: a heading and a message (both plain user text), and an optional call to action. */
export interface EmailContent {
  title: string;
  message: string;
  /** `critical` and `high` get a coloured label above the heading */
  priority?: string | null;
  action?: { label: string; url: string } | null;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const FALLBACK_COLOR = "#2563eb";
/** A colour that is safe inside a style attribute (the branding contract already checks it; this keeps the template safe on its own). */
const safeColor = (c: string) => (/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(c) ? c : FALLBACK_COLOR);
const safeUrl = (u: string | null | undefined) => (u && /^https?:\/\//i.test(u) ? u : null);

function BrandedEmail({ kind, branding, content }: { kind: EmailTemplateKind; branding: EmailBranding; content: EmailContent }) {
  const color = safeColor(branding.primary_color);
  const logo = safeUrl(branding.logo_url);
  const action = content.action && safeUrl(content.action.url) ? content.action : null;
  const urgent = content.priority === "critical" || content.priority === "high";
  return (
    <Html lang="en">
      <Head />
      <Preview>{content.message.slice(0, 140)}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, maxWidth: 560, overflow: "hidden" }}>
          <Section data-brand-bar="" style={{ backgroundColor: color, padding: "16px 24px" }}>
            {logo ? <Img src={logo} alt={branding.display_name} height={32} style={{ display: "inline-block", verticalAlign: "middle" }} /> : null}
            <Text
              style={{ color: "#ffffff", display: "inline-block", fontSize: 16, fontWeight: 600, margin: logo ? "0 0 0 12px" : 0, verticalAlign: "middle" }}
            >
              {branding.display_name}
            </Text>
          </Section>
          <Section style={{ padding: "8px 24px 24px" }}>
            {urgent ? (
              <Text style={{ color, fontSize: 12, fontWeight: 700, letterSpacing: 1, margin: "16px 0 0", textTransform: "uppercase" }}>
                {content.priority} priority
              </Text>
            ) : null}
            <Heading as="h1" style={{ color: "#18181b", fontSize: 20, margin: "16px 0 8px" }}>
              {content.title}
            </Heading>
            <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "22px", whiteSpace: "pre-line" }}>{content.message}</Text>
            {action ? (
              <Button href={action.url} style={{ backgroundColor: color, borderRadius: 6, color: "#ffffff", fontWeight: 600, padding: "10px 18px" }}>
                {action.label}
              </Button>
            ) : null}
          </Section>
          <Hr style={{ borderColor: "#e4e4e7", margin: 0 }} />
          <Section style={{ padding: "12px 24px" }}>
            <Text style={{ color: "#71717a", fontSize: 12, margin: 0 }}>
              {kind === "quota"
                ? `You receive this notice as the billing contact of ${branding.display_name}.`
                : `You receive this e-mail because ${branding.display_name} notifies you of its events.`}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

/** Renders one e-mail of `kind` (subject = the content's title). */
export async function renderEmail(kind: EmailTemplateKind, branding: EmailBranding, content: EmailContent): Promise<RenderedEmail> {
  const element = <BrandedEmail kind={kind} branding={branding} content={content} />;
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: content.title, html, text };
}

/** Sample content per kind, for the portal's preview. */
export const SAMPLE_CONTENT: Record<EmailTemplateKind, EmailContent> = {
  notification: {
    title: "New order #1042",
    message: "Maria López placed an order for 3 items (total €84.50). It is waiting for confirmation.",
    priority: "high",
  },
  quota: {
    title: "You have used 80% of your events quota",
    message:
      "8000 of 10000 events this month on the starter plan. At 100% new events are refused until the first of next month; upgrade the plan to raise the limit.",
    priority: "high",
  },
};

/** The preview of `kind` with sample data and the workspace's branding. */
export async function previewEmail(kind: EmailTemplateKind, branding: EmailBranding): Promise<EmailPreview> {
  return { kind, ...(await renderEmail(kind, branding, SAMPLE_CONTENT[kind])) };
}
