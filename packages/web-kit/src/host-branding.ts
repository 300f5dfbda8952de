/**
 * The branding a page was served with on a workspace's custom domain: the BFF writes it into the
 * shell's index.html as JSON in `<script id="nh-host-branding" type="application/json">`
 * (bff/src/static.ts), so the sign-in screen is branded before anyone signs in and without a
 * request. Null on the platform's own host, or when the element holds no valid branding.
 */
import { brandingSchema, type Branding } from "@nhood/contracts";

export function readHostBranding(doc: Document = document): Branding | null {
  const text = doc.getElementById("nh-host-branding")?.textContent;
  if (!text) return null;
  try {
    const parsed = brandingSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
